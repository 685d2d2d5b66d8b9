/**
 * What django-cors-headers reads, per major version (facts from its source: conf.py, defaults.py,
 * checks.py of 3.14.0 and 4.9.0). https://github.com/adamchainz/django-cors-headers/blob/main/CHANGELOG.rst
 */

export type CorsHeadersMajor = '3' | '4';

export const CORS_MIDDLEWARE = 'corsheaders.middleware.CorsMiddleware';
export const COMMON_MIDDLEWARE = 'django.middleware.common.CommonMiddleware';
export const SECURITY_MIDDLEWARE = 'django.middleware.security.SecurityMiddleware';
export const LOCALE_MIDDLEWARE = 'django.middleware.locale.LocaleMiddleware';

/** `corsheaders.defaults.default_headers`: 4.0.0 dropped the forbidden names accept-encoding, dnt, origin (#842). */
export const DEFAULT_HEADERS: Record<CorsHeadersMajor, readonly string[]> = {
  '3': ['accept', 'accept-encoding', 'authorization', 'content-type', 'dnt', 'origin', 'user-agent', 'x-csrftoken', 'x-requested-with'],
  '4': ['accept', 'authorization', 'content-type', 'user-agent', 'x-csrftoken', 'x-requested-with'],
};

/** `corsheaders.defaults.default_methods`, the same since 1.3.0. */
export const DEFAULT_METHODS: readonly string[] = ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/** Defaults of the settings the fixes touch (what `add` appends to when the setting is unset). */
export function settingDefault(name: string, version: CorsHeadersMajor): unknown {
  switch (name) {
    case 'CORS_ALLOWED_ORIGINS':
    case 'CORS_ALLOWED_ORIGIN_REGEXES':
    case 'CORS_EXPOSE_HEADERS':
    case 'CSRF_TRUSTED_ORIGINS':
      return [];
    case 'CORS_ALLOW_HEADERS':
      return [...DEFAULT_HEADERS[version]];
    case 'CORS_ALLOW_METHODS':
      return [...DEFAULT_METHODS];
    case 'CORS_ALLOW_ALL_ORIGINS':
    case 'CORS_ALLOW_CREDENTIALS':
    case 'CORS_ALLOW_PRIVATE_NETWORK':
      return false;
    case 'CORS_PREFLIGHT_MAX_AGE':
      return 86400;
    case 'CORS_URLS_REGEX':
      return '^.*$';
    case 'SESSION_COOKIE_SAMESITE':
    case 'CSRF_COOKIE_SAMESITE':
      return 'Lax';
    default:
      return undefined;
  }
}

/**
 * Pre-3.5.0 names, still read as fallbacks: the new name wins when both are set, so a change written
 * with the new name must start from the old name's value (conf.py `getattr(settings, NEW, getattr(settings, OLD, default))`).
 */
export const SETTING_ALIASES: Record<string, string> = {
  CORS_ALLOWED_ORIGINS: 'CORS_ORIGIN_WHITELIST',
  CORS_ALLOWED_ORIGIN_REGEXES: 'CORS_ORIGIN_REGEX_WHITELIST',
  CORS_ALLOW_ALL_ORIGINS: 'CORS_ORIGIN_ALLOW_ALL',
};

/** Settings that only exist from a given major version on. */
export const SETTING_SINCE: Record<string, CorsHeadersMajor> = {
  CORS_ALLOW_PRIVATE_NETWORK: '4',
};

/** The new name of an old alias, or the name itself. */
export function canonicalSettingName(name: string): string {
  for (const [modern, old] of Object.entries(SETTING_ALIASES)) if (old === name) return modern;
  return name;
}

/**
 * CSRF_TRUSTED_ORIGINS entry for an origin. Django ≥ 4.0 wants scheme://host[:port] (check 4_0.E001);
 * Django 3.2 compares hosts (netloc) only and never matches an entry that has a scheme.
 * https://docs.djangoproject.com/en/4.2/ref/settings/#csrf-trusted-origins
 */
export function csrfTrustedOrigin(origin: string, version: CorsHeadersMajor): string {
  if (version === '4') return origin;
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** Middleware that answers before the view and that CorsMiddleware must sit above, in MIDDLEWARE order. */
export const MIDDLEWARE_TO_BE_ABOVE: readonly string[] = [
  SECURITY_MIDDLEWARE,
  'whitenoise.middleware.WhiteNoiseMiddleware',
  'django.contrib.sessions.middleware.SessionMiddleware',
  LOCALE_MIDDLEWARE,
  COMMON_MIDDLEWARE,
];
