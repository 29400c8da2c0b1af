using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Requests;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Requests;

/// <summary>
/// Demo memos and requests, sent through their real chains so the pages, the print views and the
/// inboxes have something to show: a memo archived and one waiting for commerce's reply (both
/// between head-office departments), a sample request shipped and filed and a special-policy
/// request filed (Shanghai), and a draft of each request kind. Only head-office steps are left
/// waiting, so no centre carries a running deadline of the demo.
/// </summary>
internal sealed class DemoRequestsSeeder(KefuDbContext db, RequestUseCases requests, ILogger<DemoRequestsSeeder> logger) : IDemoDataSeeder
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Set<RequestForm>().AnyAsync(ct))
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, ct);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Code, ct);
        string[] needed = ["csmgr", "csdir", "finance", "vp", "adminclerk", "bizasst", "mkt", "logistics", "sh.cs", "hz.cs"];
        if (needed.Any(n => !users.ContainsKey(n)) || !units.TryGetValue("HQ-FIN", out var finance) || !units.TryGetValue("HQ-COM", out var commerce))
        {
            return;
        }

        var customers = await db.Set<Customer>().AsNoTracking().OrderBy(c => c.Number).ToListAsync(ct);
        var shanghai = customers.FirstOrDefault(c => c.Name.Contains("恒通", StringComparison.Ordinal)) ?? customers.FirstOrDefault();

        // APR-02: a memo from customer service to finance, replied, with the leader's opinion, archived.
        var archived = await CreateAsync(RequestKind.Memo, users["csmgr"], new MemoInput(finance.Id, "关于九月客户退款核对的联络函",
            "九月共有 6 笔客户退款申请已由客服部核实（明细见附表），请财务部核对到账情况并于本周内完成退款，处理结果请回复客服部。", null, null), ct);
        await SendAsync(RequestKind.Memo, archived, users["csmgr"], ct);
        await DecideAsync(RequestKind.Memo, archived, users["finance"], RequestSteps.MemoReply, "已核对 6 笔退款，5 笔已于 9 月 26 日退回原账户；1 笔账户信息有误，请客服部联系客户确认后补交。", ct);
        await DecideAsync(RequestKind.Memo, archived, users["vp"], RequestSteps.MemoLeader, "同意财务部意见，客服部两日内补齐账户信息。", ct);
        await DecideAsync(RequestKind.Memo, archived, users["adminclerk"], RequestSteps.MemoArchive, null, ct, archiveLocation: "行政部档案柜 A-3（2026 年联络函）");

        // APR-02: a memo waiting for commerce's handling opinion.
        var waiting = await CreateAsync(RequestKind.Memo, users["csdir"], new MemoInput(commerce.Id, "样品申请单出仓时限的协调",
            "近期有客户反映样品发出较慢。请商务部说明出仓单开具的流程和时限，并与物流部确认发货当日回报运单号，以便客服部及时告知客户。", null, null), ct);
        await SendAsync(RequestKind.Memo, waiting, users["csdir"], ct);

        if (shanghai is not null)
        {
            // APR-03: samples for a Shanghai customer, through every step.
            var sample = await CreateAsync(RequestKind.Sample, users["sh.cs"], new SampleInput(shanghai.Id, null, "陈经理", "021-5555 0102", "上海市闵行区莘庄工业区 18 号",
                "客户有意代理新款智能温控器，试用后决定首批订货数量。", "首批约 200 台",
                [new("智能温控器 T3", "白色 220V", 2, "台", "演示用"), new("安装配件包", "T3 专用", 2, "套", null)], null), ct);
            await SendAsync(RequestKind.Sample, sample, users["sh.cs"], ct);
            await DecideAsync(RequestKind.Sample, sample, users["mkt"], RequestSteps.SampleApproval, "同意，尽快安排。", ct);
            await DecideAsync(RequestKind.Sample, sample, users["bizasst"], RequestSteps.SampleSlip, null, ct, warehouse: "上海成品仓");
            await DecideAsync(RequestKind.Sample, sample, users["logistics"], RequestSteps.SampleShipping, null, ct, carrier: "顺丰速运", trackingNumber: "SF1234567890123");
            await DecideAsync(RequestKind.Sample, sample, users["finance"], RequestSteps.SampleFiling, null, ct);

            // APR-04: a special policy for the same customer, approved and filed.
            var policy = await CreateAsync(RequestKind.SpecialPolicy, users["sh.cs"], new PolicyInput(shanghai.Id, null, "陈经理", "021-5555 0102", "上海", "一级经销商",
                "出厂价 9 折，月结 30 天", "首批订货满 200 台给予 8.5 折，并延长账期至 60 天", "客户新开拓浦东渠道，首批订货量大，竞品给出了更优条件。",
                null, null, 68000m, null), ct);
            await SendAsync(RequestKind.SpecialPolicy, policy, users["sh.cs"], ct);
            await DecideAsync(RequestKind.SpecialPolicy, policy, users["mkt"], RequestSteps.PolicyApproval, "同意，仅限首批订单。", ct);
            await DecideAsync(RequestKind.SpecialPolicy, policy, users["bizasst"], RequestSteps.PolicyCommerceFiling, null, ct);
            await DecideAsync(RequestKind.SpecialPolicy, policy, users["finance"], RequestSteps.PolicyFinanceFiling, null, ct);
        }

        // Drafts, not sent: nothing waits on them.
        await CreateAsync(RequestKind.Sample, users["hz.cs"], new SampleInput(null, "杭州意向客户（萧山）", "周先生", "0571-8888 0101", null,
            "意向代理客户，希望先看样品再谈代理条件。", null, [new("智能温控器 T3", "白色 220V", 1, "台", null)], null), ct);
        await CreateAsync(RequestKind.SpecialPolicy, users["sh.cs"], new PolicyInput(null, "上海锦程家电", null, null, "上海", "二级经销商",
            "出厂价 9.5 折", "年度返利提高 1 个百分点", "客户年度销量预计翻番。", null, null, null, null), ct);
        logger.LogInformation("Seeded demo memos and requests");
    }

    private async Task<RequestViewer> ViewerAsync(KefuUser user, CancellationToken ct)
    {
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync(ct);
        var (centre, branch) = await OrgTree.AnchorsAsync(db, user.OrgPath, ct);
        var scope = ScopePolicy.Default.ScopeFor(roles.Select(n => KefuRoles.TryParse(n, out var role) ? role : (Role?)null).OfType<Role>());
        return new RequestViewer(new ScopeViewer(user.Id, scope, centre, branch), user.OrgUnitId);
    }

    private async Task<int> CreateAsync(RequestKind kind, KefuUser writer, object input, CancellationToken ct) =>
        await requests.CreateAsync(kind, await ViewerAsync(writer, ct), input, ct) is RequestResult.Ok ok
            ? ok.Form.Id
            : throw new InvalidOperationException($"The demo {kind} of {writer.UserName} was refused.");

    private async Task SendAsync(RequestKind kind, int id, KefuUser writer, CancellationToken ct)
    {
        if (await requests.SubmitAsync(kind, await ViewerAsync(writer, ct), id, ct) is not RequestResult.Ok)
        {
            throw new InvalidOperationException($"The demo {kind} {id} could not be sent.");
        }
    }

    private async Task DecideAsync(RequestKind kind, int id, KefuUser actor, string step, string? comment, CancellationToken ct,
        string? warehouse = null, string? carrier = null, string? trackingNumber = null, string? archiveLocation = null)
    {
        var result = await requests.DecideAsync(kind, await ViewerAsync(actor, ct), id,
            new RequestDecisionInput(step, ApprovalAction.Approve, comment, warehouse, carrier, trackingNumber, null, archiveLocation), ct);
        if (result is not RequestResult.Ok)
        {
            throw new InvalidOperationException($"The demo {kind} {id} stopped at {step} ({actor.UserName}): {result}.");
        }
    }
}
