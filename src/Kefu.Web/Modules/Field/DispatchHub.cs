using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field;

/// <summary>
/// FLD-06 live: the dispatch board and the technician's phone connect here. A connection joins the
/// group of the subtree its user may see; a job's change is told to every group above the job's
/// centre and to its technician, who then reload what they show (the push carries no data).
/// </summary>
[Authorize]
public sealed class DispatchHub(KefuDbContext db) : Hub
{
    public const string Path = "/hubs/dispatch";

    public override async Task OnConnectedAsync()
    {
        if (Context.UserIdentifier is { } userId && await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId) is { } user)
        {
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).ToListAsync();
            var parsed = roles.Select(n => KefuRoles.TryParse(n, out var role) ? role : (Role?)null).OfType<Role>().ToArray();
            var (centre, branch) = await OrgTree.AnchorsAsync(db, user.OrgPath, Context.ConnectionAborted);
            var viewer = new ScopeViewer(user.Id, ScopePolicy.Default.ScopeFor(parsed), centre, branch);
            if (viewer.VisiblePath is { } visible)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, Group(visible));
            }
        }

        await base.OnConnectedAsync();
    }

    public static string Group(string orgPath) => "org:" + orgPath;
}

/// <summary>Tells the board and the phones that a job changed; fire and forget (a page that misses it reloads anyway).</summary>
public sealed class DispatchSignals(IHubContext<DispatchHub> hub, ILogger<DispatchSignals> logger)
{
    public void Changed(ServiceJob job)
    {
        var groups = Ancestors(job.OrgPath).Select(DispatchHub.Group).ToList();
        var tasks = new List<Task> { hub.Clients.Groups(groups).SendAsync("jobChanged", job.Id, job.State.ToString()) };
        if (job.OwnerId is { } owner)
        {
            tasks.Add(hub.Clients.User(owner).SendAsync("jobChanged", job.Id, job.State.ToString()));
        }

        _ = Task.WhenAll(tasks).ContinueWith(t => logger.LogDebug(t.Exception, "Dispatch push failed"), TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>"/1/5/7/" → "/", "/1/", "/1/5/", "/1/5/7/".</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        yield return "/";
        for (var i = 1; i < path.Length; i++)
        {
            if (path[i] == '/')
            {
                yield return path[..(i + 1)];
            }
        }
    }
}
