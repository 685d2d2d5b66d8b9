import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real Django + django-cors-headers + DRF project in a temp dir. Each start writes a settings module
 * from a plain object the test controls (base64 JSON, so any value round-trips) and serves it with
 * Django's own threaded WSGIServer — the server `manage.py runserver` uses — bound to 127.0.0.1:0,
 * after running the system checks like runserver does.
 */

export type DjangoSettings = Record<string, unknown>;

export const GOOD_MIDDLEWARE = [
  'corsheaders.middleware.CorsMiddleware',
  'django.middleware.security.SecurityMiddleware',
  'django.contrib.sessions.middleware.SessionMiddleware',
  'django.middleware.common.CommonMiddleware',
  'django.middleware.csrf.CsrfViewMiddleware',
  'django.contrib.auth.middleware.AuthenticationMiddleware',
  'django.middleware.clickjacking.XFrameOptionsMiddleware',
];

/** Debian's python3 has Django; a pyenv/virtualenv python3 first on PATH may not. */
export function findPython(): string {
  const candidates = [process.env.CORS_LENS_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);
  for (const p of candidates) {
    const r = spawnSync(p, ['-c', 'import django, corsheaders, rest_framework'], { encoding: 'utf8' });
    if (r.status === 0) return p;
  }
  throw new Error('no python3 with django, corsheaders and rest_framework (apt-get install python3-django python3-django-cors-headers python3-djangorestframework)');
}

const FILES: Record<string, string> = {
  'myproject/__init__.py': '',
  'myproject/base_settings.py': `
SECRET_KEY = "cors-lens-test-only"
DEBUG = True
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "myproject.urls"
WSGI_APPLICATION = "myproject.wsgi.application"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "corsheaders",
    "rest_framework",
    "myproject",
]
DATABASES = {}
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
REST_FRAMEWORK = {"UNAUTHENTICATED_USER": None}
`,
  'myproject/wsgi.py': `
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
`,
  'myproject/views.py': `
import types
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


@csrf_exempt
def items(request, pk=None):
    response = JsonResponse({"ok": True, "method": request.method, "path": request.path})
    response["X-Total-Count"] = "42"
    return response


class TokenAuth(BaseAuthentication):
    """Accepts "Authorization: Token good" without a database."""

    def authenticate(self, request):
        if request.headers.get("Authorization") == "Token good":
            return (types.SimpleNamespace(is_authenticated=True, username="alice"), None)
        return None

    def authenticate_header(self, request):
        return "Token"


class DrfItems(APIView):
    authentication_classes = [TokenAuth]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"ok": True})

    def put(self, request):
        return Response({"ok": True, "data": request.data})


@ensure_csrf_cookie
def csrf_init(request):
    request.session["user"] = "alice"
    return JsonResponse({"ok": True})


def session_post(request):
    return JsonResponse({"ok": True, "user": request.session.get("user"), "method": request.method})
`,
  'myproject/middleware.py': `
from django.http import JsonResponse


class TokenRequiredMiddleware:
    """A typical home-grown auth middleware: /api/private/ needs an Authorization header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/private/") and "Authorization" not in request.headers:
            return JsonResponse({"detail": "token required"}, status=401)
        return self.get_response(request)


class BoomMiddleware:
    """Crashes on /api/boom/ (an exception in a middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/boom/"):
            raise RuntimeError("boom")
        return self.get_response(request)
`,
  'myproject/urls.py': `
from django.urls import path
from myproject import views

urlpatterns = [
    path("api/items/", views.items),
    path("api/items/<int:pk>/", views.items),
    path("api/private/", views.items),
    path("api/boom/", views.items),
    path("api/drf/", views.DrfItems.as_view()),
    path("api/csrf/", views.csrf_init),
    path("api/session/", views.session_post),
    path("auth/me/", views.items),
]
`,
  'serve.py': `
import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = sys.argv[1]
import django

django.setup()
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler, get_internal_wsgi_application

try:
    call_command("check")  # what runserver does first: system-check errors stop it
except SystemCheckError as e:
    print("SYSTEM-CHECK-ERROR", e, file=sys.stderr, flush=True)
    sys.exit(3)
httpd = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
httpd.set_app(get_internal_wsgi_application())
print("LISTENING", httpd.server_address[1], flush=True)
httpd.serve_forever()
`,
};

export interface DjangoServer {
  port: number;
  url: string;
  stop(): Promise<void>;
  log(): string;
}

export class DjangoProject {
  readonly dir: string;
  private readonly python: string;
  private counter = 0;
  private running = new Set<ChildProcess>();

  constructor() {
    this.python = findPython();
    this.dir = mkdtempSync(path.join(tmpdir(), 'cors-lens-fixes-django-'));
    for (const [file, text] of Object.entries(FILES)) {
      const full = path.join(this.dir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text.replace(/^\n/, ''));
    }
  }

  /** Write an extra module (e.g. the generated hand-written middleware) into the project. */
  writeModule(relPath: string, text: string): void {
    const full = path.join(this.dir, relPath);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }

  async start(settings: DjangoSettings): Promise<DjangoServer> {
    const name = `settings_${++this.counter}`;
    const payload = Buffer.from(JSON.stringify(settings)).toString('base64');
    writeFileSync(
      path.join(this.dir, 'myproject', `${name}.py`),
      `import base64, json\nfrom myproject.base_settings import *  # noqa\nglobals().update(json.loads(base64.b64decode("${payload}").decode()))\n`,
    );
    const child = spawn(this.python, ['serve.py', `myproject.${name}`], { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' } });
    this.running.add(child);
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Django did not start in 30 s:\n${out}`)), 30_000);
      const onData = () => {
        const m = /LISTENING (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Django exited with ${code}:\n${out}`));
      });
    });
    const stop = () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          this.running.delete(child);
          resolve();
          return;
        }
        child.once('exit', () => {
          this.running.delete(child);
          resolve();
        });
        child.kill('SIGTERM');
      });
    return { port, url: `http://127.0.0.1:${port}`, stop, log: () => out };
  }

  /**
   * Execute a rendered settings.py excerpt with Debian's Python (DEBUG as given, no environment
   * override) and return the UPPER_CASE names it defines, tuples as lists.
   */
  evalSettingsSnippet(code: string, debug = false): Record<string, unknown> {
    const script = [
      'import json, sys',
      'ns = {"DEBUG": ' + (debug ? 'True' : 'False') + '}',
      'exec(sys.stdin.read(), ns)',
      'out = {k: list(v) if isinstance(v, tuple) else v for k, v in ns.items() if k.isupper() and isinstance(v, (str, int, bool, list, tuple))}',
      'print(json.dumps(out))',
    ].join('\n');
    const env = { ...process.env };
    delete env.CORS_ALLOWED_ORIGINS;
    const r = spawnSync(this.python, ['-c', script], { input: code, encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(`settings snippet does not run:\n${r.stderr}\n${code}`);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  async close(): Promise<void> {
    for (const c of this.running) c.kill('SIGKILL');
    this.running.clear();
    if (existsSync(this.dir)) rmSync(this.dir, { recursive: true, force: true });
  }
}
