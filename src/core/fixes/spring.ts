import { appFlavourFixes, type AppFlavour } from './app-flavour.js';
import { js } from './literals.js';
import type { Plan } from './plan.js';
import type { Diagnosis, Fix } from './types.js';

/**
 * Spring MVC / Spring Security. CorsRegistry defaults: methods GET, HEAD, POST; headers "*"; max age 1800.
 * allowedOrigins("*") with allowCredentials(true) throws; Spring Security must enable CORS in the filter
 * chain (http.cors(...)) or preflights get 401/403.
 * https://docs.spring.io/spring-framework/reference/web/webmvc-cors.html
 */
const SPRING: AppFlavour = {
  server: 'spring',
  label: 'Spring CORS',
  defaults: { methods: ['GET', 'HEAD', 'POST'], headers: 'reflect' },
  options: {
    origins: 'allowedOrigins',
    credentials: 'allowCredentials',
    methods: 'allowedMethods',
    headers: 'allowedHeaders',
    order: { option: 'SecurityFilterChain', value: 'http.cors(Customizer.withDefaults())' },
    paths: 'addMapping',
  },
  formatPath: (seg) => (seg === '' ? '/**' : `/${seg}/**`),
  render,
  notes: (p) => (p.moveFirst ? ['With Spring Security, CORS must run in the security filter chain: http.cors(Customizer.withDefaults()) picks up the CorsConfigurationSource bean, so preflights are answered before authentication.'] : []),
  privateNetworkUnsupported: 'Spring only answers private-network preflights from 6.1 on (CorsConfiguration#setAllowPrivateNetwork(true)); on older versions add the header in a filter.',
};

function render(p: Plan, d: Diagnosis): string {
  const seg = d.path.split('/').filter(Boolean)[0];
  const mapping = seg ? `/${seg}/**` : '/**';
  return [
    '// CorsConfig.java — Spring Boot (MVC + Spring Security)',
    '@Configuration',
    'public class CorsConfig {',
    '  @Bean',
    '  CorsConfigurationSource corsConfigurationSource(@Value("${cors.origins:' + p.origins.join(',') + '}") List<String> origins) {',
    '    CorsConfiguration cfg = new CorsConfiguration();',
    '    cfg.setAllowedOrigins(origins);            // exact origins; never "*" with credentials',
    ...(p.credentials ? ['    cfg.setAllowCredentials(true);'] : []),
    `    cfg.setAllowedMethods(List.of(${p.methods.map(js).join(', ')}));`,
    `    cfg.setAllowedHeaders(List.of(${p.headers.map(js).join(', ')}));`,
    ...(p.privateNetwork ? ['    cfg.setAllowPrivateNetwork(true);          // Spring 6.1+'] : []),
    '    cfg.setMaxAge(3600L);',
    '    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();',
    `    source.registerCorsConfiguration(${js(mapping)}, cfg);`,
    '    return source;',
    '  }',
    '',
    '  @Bean',
    '  SecurityFilterChain filterChain(HttpSecurity http) throws Exception {',
    '    http.cors(Customizer.withDefaults());      // answer preflights before authentication',
    '    // ... your existing authorizeHttpRequests(...) etc.',
    '    return http.build();',
    '  }',
    '}',
  ].join('\n');
}

export function springFixes(d: Diagnosis): Fix[] {
  return appFlavourFixes(SPRING, d);
}
