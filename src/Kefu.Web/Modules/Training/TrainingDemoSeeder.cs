using Kefu.Core.Training;
using Kefu.Web.Data;
using Kefu.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training;

/// <summary>
/// The demo's training (TRN-01..03): courses written from the seeds' training material (seed 001
/// ch. 3–6: 三心, reporting within five minutes, the new-staff training list, reception etiquette;
/// seed 003: duties of the CS roles), a question bank, the onboarding exam and this month's plan.
/// </summary>
internal sealed class TrainingDemoSeeder(KefuDbContext db, TimeProvider clock) : IDemoDataSeeder
{
    private sealed record Q(QuestionKind Kind, string Text, string[] Options, int[] Correct, string? Model = null, int Points = 1);

    private sealed record C(CourseCategory Category, string Title, string Summary, string Material, Q[] Questions);

    private static readonly C[] Courses =
    [
        new(CourseCategory.CompanyCulture, "公司理念与规章制度", "新员工入司第一课：公司理念、部门要求和客服人员的“三心”。", """
            # 客服部在公司中的位置
            客服部是公司的窗口，也是监控服务质量的重要部门。客户遇到急需解决的问题，第一个找的就是客服人员，所以我们的水准直接影响公司的业务和声誉。

            ## 三心
            - 细心：记录客户的每一个要求，核对单号、地址、时间，不凭印象回答。
            - 耐心：客户着急时先安抚，把问题听完整再答复。
            - 责任心：接手的事情跟到底，不推给客户去找别的部门。

            ## 入职要求
            1. 参加人力资源组织的入司培训：公司理念、企业文件和各项规章制度。
            2. 到客服部后学习部门职责和职业要求。
            3. 完成岗位技能培训，通过入职考试后才能正式上岗、接手客户。
            """,
            [
                new(QuestionKind.MultipleChoice, "客服人员应具备的“三心”是哪三项？", ["细心", "耐心", "责任心", "好奇心"], [0, 1, 2]),
                new(QuestionKind.TrueFalse, "新员工完成入职培训后，无须考试即可直接接手客户。", ["对", "错"], [1]),
            ]),
        new(CourseCategory.JobDuties, "客服岗位职责", "客服部、客服主管与客服专员各自负责什么。", """
            # 客服部的职责
            - 收集整理与业务相关的政策文件，组织培训和学习。
            - 制定并完善部门的管理制度、工作流程和工作计划。
            - 对各中心的客服工作进行监督、指导和考核。
            - 对客户投诉进行跟踪和回访，建立投诉处理档案。

            ## 客服主管
            - 负责客服中心的日常管理，贯彻公司制度和会议精神。
            - 熟悉所负责的客户资料，按统一要求建立台账。
            - 制定月度、年度工作计划，督促检查专员的工作，及时协调解决困难。

            ## 客服专员
            - 负责分配给自己的客户，一周内与新客户沟通并详细备案。
            - 处理日常查询、跟踪和异常汇报，月末做工作小结。
            """,
            [
                new(QuestionKind.SingleChoice, "新分配给客服专员的客户，应在多长时间内完成首次沟通并备案？", ["当天", "一周内", "一个月内", "客户来电时"], [1]),
                new(QuestionKind.TrueFalse, "客服主管负责制定中心的月度、年度工作计划并督促检查。", ["对", "错"], [0]),
            ]),
        new(CourseCategory.ProfessionalEthics, "职业道德", "诚实报告、保守客户信息、不推诿。", """
            # 职业道德的底线
            - 如实报告：发生异常必须按制度上报，不得瞒报、虚报。瞒报或虚报造成的费用由相关客服人员和主管承担。
            - 保守秘密：客户的价格、货物和联系方式只用于工作，不向无关人员透露。
            - 不推诿：在权限范围内解决不了的问题，立即请示主管，而不是让客户自己去找。

            ## 及时上报的好处
            按时上报异常、对服务质量起到监控作用的，不追究客服人员的责任。
            """,
            [
                new(QuestionKind.TrueFalse, "为避免客户不满，可以先不上报运输中的小异常，等处理好了再说。", ["对", "错"], [1]),
                new(QuestionKind.SingleChoice, "遇到权限范围内解决不了的问题，客服人员应当：", ["请客户自己联系相关部门", "立即请示客服部主任或主管", "等客户再次来电时再说", "先答应客户，事后再看"], [1]),
            ]),
        new(CourseCategory.TelephoneEtiquette, "电话标准用语与礼仪", "接听、转接、结束通话的标准用语和礼仪。", """
            # 接听电话
            1. 铃响三声之内接起。
            2. 先问候、报公司和姓名：“您好，××公司客服中心，我是小王，请问有什么可以帮您？”
            3. 面带微笑说话：对方听得出你的语气。

            ## 通话中
            - 边听边记：单号、时间、地点、联系人、客户的要求，复述一遍请客户确认。
            - 需要查询时说明并请客户稍候：“请您稍等，我马上为您查询。”不要让客户在电话里长时间等待。
            - 一时答复不了的，承诺回复时间：“我了解清楚后在十分钟内给您回电。”并按时回电。
            - 不说“不知道”“不归我管”“你自己去问”。

            ## 转接和留言
            - 转接前告诉客户要转给谁、为什么；转接不通时主动记录并回电。

            ## 结束通话
            - 确认客户没有其他问题：“请问还有其他可以帮您的吗？”
            - 道谢告别：“感谢您的来电，再见。”等客户先挂机后再挂断。

            参考：[国家标准全文公开系统](https://openstd.samr.gov.cn/)（服务规范类标准可在此查阅）。
            """,
            [
                new(QuestionKind.SingleChoice, "接听客户电话时，第一句话应当是：", ["“喂，什么事？”", "“您好，××公司客服中心，我是小王，请问有什么可以帮您？”", "“请讲。”", "直接询问单号"], [1]),
                new(QuestionKind.SingleChoice, "通话结束时，正确的做法是：", ["说完就马上挂断", "等客户先挂机后再挂断", "让客户稍等后挂断", "不用道别"], [1]),
                new(QuestionKind.MultipleChoice, "下列哪些说法在电话中不应使用？", ["“不归我管”", "“请您稍等，我马上为您查询”", "“你自己去问”", "“不知道”"], [0, 2, 3]),
                new(QuestionKind.TrueFalse, "一时答复不了客户的问题时，应承诺一个回复时间并按时回电。", ["对", "错"], [0]),
            ]),
        new(CourseCategory.Handoffs, "与各部门的业务衔接", "异常汇报、财务对账与各部门交接。", """
            # 异常汇报
            - 客户直接投诉到客服部时，立即在《运作异常汇报表》填写了解到的情况，五分钟内以邮件报部门经理、质控部经理和总经理。
            - 需要请示或协调的事项，承诺客户 5–10 分钟内回复；不能及时协调的，也要随时向客户通报进展。
            - 非工作时间发生的事故，先电话通知负责领导，邮件在事故后第一个工作日早上 9 点前补报。

            ## 与财务的对账
            1. 月末出具对账单，财务审核后由客服人员发送客户并跟进确认。
            2. 客户确认费用后，通知财务开票；发票送达后跟进客户付款。
            3. 影响客户付费的未结事故和单据，及时上报经理，不能因此影响结账。
            """,
            [
                new(QuestionKind.SingleChoice, "客户直接投诉到客服部后，应在多长时间内以邮件上报部门经理、质控部经理和总经理？", ["5 分钟内", "1 小时内", "当天下班前", "第二个工作日"], [0]),
                new(QuestionKind.SingleChoice, "非工作时间发生事故，书面邮件应在何时补报？", ["事故后第一个工作日早上 9 点前", "一周内", "月末工作小结中", "无需补报"], [0]),
                new(QuestionKind.TrueFalse, "客户确认费用后，客服人员通知财务开票。", ["对", "错"], [0]),
            ]),
        new(CourseCategory.TmsWms, "TMS 与 WMS 系统操作", "运输管理系统和仓储管理系统的日常操作。", """
            # TMS 运输管理系统
            - 录入运单：委托方、收发货方、货物、件数、重量体积、要求到货时间。
            - 跟踪在途：查看车辆位置和节点，晚点时第一时间通知委托方和最终客户。
            - 回单管理：签收单必须在客户规定的时限内返回。

            # WMS 仓储管理系统
            - 查询库存和出入库记录，核对批次号。
            - 出库单与运单一一对应，发现差异立即报仓库主管。
            """,
            [
                new(QuestionKind.ShortAnswer, "货物在途晚点，TMS 显示无法按时到达时，客服人员应做哪些事？请按顺序写出。", [], [], "第一时间通知委托方和最终客户；联系司机了解原因和预计到达时间；把结果反馈客户；按制度上报。", 4),
                new(QuestionKind.TrueFalse, "出库单与运单应一一对应，发现差异要立即报仓库主管。", ["对", "错"], [0]),
            ]),
        new(CourseCategory.Quoting, "计算报价", "按服务收费标准为客户计算报价。", """
            # 报价的步骤
            1. 确认服务类型、起止城市、货物重量和体积、是否需要上门提货。
            2. 按公司服务收费标准计算，计重与计体取大者。
            3. 报价单写明有效期和不含的费用（如保险、装卸）。
            - 超出标准价的特殊报价，须按特殊政策申请流程审批。
            """,
            [
                new(QuestionKind.SingleChoice, "计算运费时，计重与计体应当：", ["取小者", "取大者", "取平均", "只看重量"], [1]),
            ]),
        new(CourseCategory.OfficeSoftware, "办公软件应用", "表格、文档与邮件客户端的常用操作。", """
            # 表格
            - 用筛选和排序整理客户清单；用公式汇总费用，不手工相加。
            # 文档
            - 对外文件使用公司模板，页眉写公司名称，落款写部门和日期。
            """, []),
        new(CourseCategory.TrackingQueries, "业务查询与跟踪", "日常追踪查询的方法和上报要求。", """
            # 日常追踪
            - 按客户的重点订单每天查询在途状态，异常及时处理。
            - 追踪中发现的问题，以邮件上报工程经理、部门经理、质控经理和总经理。
            - 月末针对业务运作情况做工作小结和 KPI。
            """,
            [
                new(QuestionKind.MultipleChoice, "日常追踪中发现的问题，应以邮件上报给哪些人？", ["工程经理", "部门经理", "质控经理", "总经理"], [0, 1, 2, 3]),
            ]),
        new(CourseCategory.Email, "收发邮件", "工作邮件的写法和时限。", """
            # 工作邮件
            - 标题写清事由和单号，例如“【异常汇报】运单 123456 晚点”。
            - 正文先写结论，再写经过和需要对方做的事。
            - 收件人、抄送人按制度填写；异常汇报五分钟内发出。
            - 附件命名清楚，发送前检查一遍。
            """,
            [
                new(QuestionKind.TrueFalse, "工作邮件的标题应写清事由和单号。", ["对", "错"], [0]),
            ]),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Set<TrainingCourse>().AnyAsync(ct))
        {
            return;
        }

        var admin = await db.Users.AsNoTracking().Where(u => u.UserName == "admin").Select(u => u.Id).SingleOrDefaultAsync(ct);
        var lead = await db.Users.AsNoTracking().Where(u => u.UserName == "sh.lead").Select(u => u.Id).SingleOrDefaultAsync(ct);
        var cs = await db.Users.AsNoTracking().Where(u => u.UserName == "sh.cs").Select(u => u.Id).SingleOrDefaultAsync(ct);
        var shanghai = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Code == "SH", ct);
        if (admin is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var saved = new Dictionary<CourseCategory, TrainingCourse>();
        foreach (var c in Courses)
        {
            var course = new TrainingCourse
            {
                Category = c.Category, Title = c.Title, Summary = c.Summary, Material = Unindent(c.Material), Published = true, CreatedAt = now, CreatedById = admin,
            };
            db.Add(course);
            saved[c.Category] = course;
        }

        await db.SaveChangesAsync(ct);
        foreach (var c in Courses)
        {
            foreach (var q in c.Questions)
            {
                db.Add(new TrainingQuestion
                {
                    CourseId = saved[c.Category].Id, Kind = q.Kind, Text = q.Text, OptionsJson = CourseUseCases.Write(q.Options), CorrectJson = CourseUseCases.Write(q.Correct),
                    ModelAnswer = q.Model, Points = q.Points, CreatedAt = now,
                });
            }
        }

        CourseCategory[] onboarding = [CourseCategory.CompanyCulture, CourseCategory.JobDuties, CourseCategory.ProfessionalEthics, CourseCategory.TelephoneEtiquette,
            CourseCategory.Handoffs, CourseCategory.TrackingQueries, CourseCategory.Email];
        db.Add(new TrainingExam
        {
            Title = "客服新员工入职考试", CourseIdsJson = CourseUseCases.Write(onboarding.Select(k => saved[k].Id)), Onboarding = true,
            QuestionCount = 10, PassMarkPercent = 80, TimeLimitMinutes = 30, AttemptsLimit = 3, Published = true, CreatedAt = now,
        });
        db.Add(new TrainingExam
        {
            Title = "系统操作与报价测验", CourseIdsJson = CourseUseCases.Write(new[] { CourseCategory.TmsWms, CourseCategory.Quoting }.Select(k => saved[k].Id)),
            QuestionCount = 4, PassMarkPercent = 60, TimeLimitMinutes = 20, AttemptsLimit = 2, Published = true, CreatedAt = now,
        });

        if (shanghai is not null && lead is not null)
        {
            var today = Platform.CompanyTime.Today(clock);
            var plan = new TrainingPlan
            {
                Year = today.Year, Month = today.Month, Title = $"{today.Month} 月上海中心客服培训", Notes = "新员工入职培训与全员电话礼仪复训。",
                OrgUnitId = shanghai.Id, OrgPath = shanghai.Path, OwnerId = lead, CreatedAt = now,
            };
            db.Add(plan);
            await db.SaveChangesAsync(ct);
            var first = new DateTimeOffset(today.Year, today.Month, 1, 14, 0, 0, TimeSpan.FromHours(8));
            var sessions = new[]
            {
                new TrainingSession { PlanId = plan.Id, CourseId = saved[CourseCategory.TelephoneEtiquette].Id, StartsAt = first.AddDays(2).UtcDateTime, DurationMinutes = 90, Location = "上海中心 3 楼会议室", TrainerId = lead, OrgPath = plan.OrgPath },
                new TrainingSession { PlanId = plan.Id, CourseId = saved[CourseCategory.Handoffs].Id, StartsAt = first.AddDays(9).UtcDateTime, DurationMinutes = 60, Location = "上海中心 3 楼会议室", TrainerId = lead, OrgPath = plan.OrgPath },
            };
            db.AddRange(sessions);
            await db.SaveChangesAsync(ct);
            if (cs is not null)
            {
                db.Add(new SessionAttendance { SessionId = sessions[0].Id, TraineeId = cs, SignedInAt = sessions[0].StartsAt.AddMinutes(-5), ConfirmedAt = sessions[0].StartsAt.AddMinutes(95), ConfirmedById = lead });
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The raw strings above are indented for reading; the material starts at the margin.</summary>
    private static string Unindent(string text) => string.Join('\n', text.Split('\n').Select(l => l.Trim()));
}
