namespace Kefu.Web.Modules.Organization;

/// <summary>Org tree, staff records and job rotation (ORG-01..05).</summary>
public static class OrganizationModule
{
    public static void AddOrganization(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StaffQueries>();
        builder.Services.AddScoped<SaveStaff>();
        builder.Services.AddScoped<StaffImport>();
        builder.Services.AddScoped<RotateStaff>();
        builder.Services.AddScoped<SaveOrgUnit>();
    }

    public static void MapOrganization(this RouteGroupBuilder api)
    {
        api.MapOrgUnitApi();
        api.MapStaffApi();
    }
}
