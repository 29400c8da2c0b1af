namespace Kefu.Web.Platform.Auth;

/// <summary>The marker of an endpoint's own write policy; the authorization tests require one on every write.</summary>
public sealed record WritePolicyMetadata(string Policy);

/// <summary>
/// Every write endpoint names who may write, on the endpoint itself: a group's read policy never
/// decides a write by accident (a read-only auditor could record a customer contact). Defined on
/// <see cref="RouteHandlerBuilder"/> only, so it cannot be put on a whole group.
/// </summary>
public static class WritePolicy
{
    /// <summary>Any signed-in user, acting on what is theirs (their inbox, their delegations, their own tokens).</summary>
    public const string OwnData = "OwnData";

    /// <summary>
    /// Anyone who does work in Kefu (every role but the read-only auditor), for actions whose
    /// right depends on the record (the approver of the current step, the owner of a flow step):
    /// the use case checks the record, this keeps read-only callers out before it.
    /// </summary>
    public const string Act = "ActOnWork";

    public static void AddWritePolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(OwnData, p => p.RequireAuthenticatedUser())
            .AddPolicy(Act, p => p.RequireAssertion(c =>
                c.User.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Any(r => r.Value != KefuRoles.Name(Kefu.Core.Organization.Role.ReadOnlyAuditor))));

    public static RouteHandlerBuilder RequireWritePolicy(this RouteHandlerBuilder builder, string policy) =>
        builder.RequireAuthorization(policy).WithMetadata(new WritePolicyMetadata(policy));
}
