using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Purl.Core.Data;

namespace Purl.Core.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// ASP.NET Core Identity over <see cref="PurlDbContext"/> (users, roles, lockout, password rules), JWT bearer
    /// authentication with Purl's own tokens, and the services behind the <c>/auth</c> endpoints.
    /// </summary>
    public static IHostApplicationBuilder AddPurlIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();

        services.AddIdentityCore<PurlUser>(ConfigureIdentity)
            .AddRoles<PurlRole>()
            .AddEntityFrameworkStores<PurlDbContext>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // Configured from options rather than read here, so configuration added late (tests, AppHost) still counts.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = TokenService.ValidationParameters(auth.Value);
            });
        services.AddAuthorization(PurlPolicies.Configure);

        services.AddSingleton<TokenService>();
        services.AddScoped<RefreshTokenStore>();
        services.AddScoped<AccountRegistration>();
        services.AddScoped<SignInService>();
        return builder;
    }

    private static void ConfigureIdentity(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 8;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 4;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
    }
}
