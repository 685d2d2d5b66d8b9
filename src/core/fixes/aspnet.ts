import { appFlavourFixes, type AppFlavour } from './app-flavour.js';
import { js } from './literals.js';
import type { Plan } from './plan.js';
import type { Diagnosis, Fix } from './types.js';

/**
 * ASP.NET Core CORS middleware. A policy allows nothing until told (WithMethods/WithHeaders);
 * AllowAnyOrigin() with AllowCredentials() is rejected. UseCors goes after UseRouting and before
 * UseAuthentication/UseAuthorization. https://learn.microsoft.com/aspnet/core/security/cors
 */
const ASPNET: AppFlavour = {
  server: 'aspnet',
  label: 'ASP.NET Core CORS',
  defaults: { methods: [], headers: [] },
  options: {
    origins: 'WithOrigins',
    credentials: 'AllowCredentials',
    methods: 'WithMethods',
    headers: 'WithHeaders',
    order: { option: 'app.UseCors', value: 'UseCors("Spa")' },
  },
  render,
  notes: (p) => (p.moveFirst ? ['Call app.UseCors("Spa") after app.UseRouting() and before app.UseAuthentication()/UseAuthorization() and UseHttpsRedirection(); on IIS, Windows authentication must let anonymous OPTIONS through.'] : []),
};

function render(p: Plan): string {
  return [
    '// Program.cs — ASP.NET Core',
    `var origins = (builder.Configuration["Cors:Origins"] ?? ${js(p.origins.join(','))}).Split(',', StringSplitOptions.RemoveEmptyEntries);`,
    'builder.Services.AddCors(o => o.AddPolicy("Spa", p => p',
    '    .WithOrigins(origins)                  // exact, no trailing slash; never any-origin together with credentials',
    `    .WithMethods(${p.methods.map(js).join(', ')})`,
    `    .WithHeaders(${p.headers.map(js).join(', ')})`,
    ...(p.credentials ? ['    .AllowCredentials()'] : []),
    '    .SetPreflightMaxAge(TimeSpan.FromHours(1))));',
    '',
    'var app = builder.Build();',
    'app.UseRouting();',
    'app.UseCors("Spa");        // after UseRouting, before authentication and authorization',
    'app.UseAuthentication();',
    'app.UseAuthorization();',
  ].join('\n');
}

export function aspnetFixes(d: Diagnosis): Fix[] {
  return appFlavourFixes(ASPNET, d);
}
