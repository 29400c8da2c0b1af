using Kefu.Core.Organization;
using Kefu.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Kefu.Web.Platform.Auth;

public static class AuthSetup
{
    public const string DefaultScheme = "Kefu";

    /// <summary>The customer portal's own cookie scheme (Modules/Portal): never a staff sign-in.</summary>
    public const string CustomerPortalScheme = "Portal";

    public static void AddKefuAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditContext, HttpAuditContext>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<Microsoft.AspNetCore.Authentication.IClaimsTransformation, CurrentRolesTransformation>();

        services.AddIdentityCore<KefuUser>(o =>
            {
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version1;
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                // Failed sign-ins are counted and locked by SignInGuard (per account and address);
                // Identity's own lockout still applies to an account that has a lockout end set.
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<KefuDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = DefaultScheme;
                o.DefaultChallengeScheme = DefaultScheme;
            })
            .AddPolicyScheme(DefaultScheme, "Cookie or bearer", o =>
                o.ForwardDefaultSelector = ctx =>
                {
                    var header = ctx.Request.Headers.Authorization.ToString();
                    if (header.StartsWith("Bearer " + ApiTokenHandler.TokenPrefix, StringComparison.Ordinal))
                    {
                        return ApiTokenHandler.SchemeName;
                    }

                    return header.StartsWith("Bearer ", StringComparison.Ordinal)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme;
                })
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
                o.BearerTokenExpiration = TimeSpan.FromMinutes(builder.Configuration.GetValue("Kefu:TokenMinutes", 60)))
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "kefu.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request came over HTTPS, also behind a TLS proxy (Kefu:ForwardedHeaders).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Administer, p => p.RequireRole(KefuRoles.Name(Role.SystemAdministrator)))
            .AddPolicy(Policies.ManageStaff, p => p.RequireRole(Policies.StaffManagers.Select(KefuRoles.Name)))
            .AddPolicy(Policies.ReadStaff, p => p.RequireRole(Policies.StaffReaders.Select(KefuRoles.Name)))
            .AddPolicy(Policies.ReadAudit, p => p.RequireRole(Policies.AuditReaders.Select(KefuRoles.Name)))
            .AddPolicy(Policies.ReadCustomers, p => p.RequireRole(Policies.CustomerReaders.Select(KefuRoles.Name)));

        // Password guessing: failed sign-ins are limited per address and per account (SignInGuard).
        services.AddOptions<SignInLimitOptions>()
            .BindConfiguration(SignInLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<SignInGuard>();
    }
}
