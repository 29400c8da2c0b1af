using System.Globalization;
using Kefu.Core.Orders;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Orders;

/// <summary>ORD-01: the confirmation of an email order with the customer: with whom, when, how, what was confirmed.</summary>
public sealed record EmailConfirmationInput(string? ConfirmedWith, DateTimeOffset? ConfirmedAt, FeedbackChannel? Method, string? Content);

/// <summary>ORD-04: the city job's vehicle, driver and ETA as the dispatch centre confirmed them.</summary>
public sealed record CityJobInput(string? Vehicle, string? Driver, string? DriverPhone, DateTimeOffset? Eta);

/// <summary>
/// Seed 001 steps the work order gates did not cover: an email order confirmed with the customer
/// before it is processed (ORD-01, §2.1 第一时间与客户确认核对邮件内容), and a city job's vehicle, driver
/// and ETA confirmed with the dispatch centre and told to the customer (ORD-04, §3.1) through the outbox.
/// </summary>
public sealed class OrderFollowUpUseCases(KefuDbContext db, PolicyStore policies, TimeProvider clock)
{
    public const string CityJobMailEvent = "OrderCityJob";

    public async Task<OrderResult> ConfirmEmailAsync(ScopeViewer viewer, string userId, int id, EmailConfirmationInput input, CancellationToken ct)
    {
        var order = await db.Set<Order>().VisibleTo(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return new OrderResult.NotFound();
        }

        var now = clock.GetUtcNow();
        var problems = new ProblemBuilder().Required("confirmedWith", input.ConfirmedWith).MaxLength("confirmedWith", input.ConfirmedWith, 100)
            .Required("content", input.Content).MaxLength("content", input.Content, 1000);
        if (input.ConfirmedAt is not { } at)
        {
            problems.Add("confirmedAt", "Validation.FieldRequired", ProblemBuilder.Label("confirmedAt"));
        }
        else if (at > now.AddMinutes(5))
        {
            problems.Add("confirmedAt", "Validation.NotInFuture");
        }
        else if (at.UtcDateTime < order.CreatedAt.AddDays(-7))
        {
            problems.Add("confirmedAt", "Orders.EmailConfirmedTooEarly");
        }

        if (input.Method is not { } method || !Enum.IsDefined(method))
        {
            problems.Add("method", "Orders.EmailConfirmationMethodRequired");
        }

        if (problems.HasErrors)
        {
            return new OrderResult.Invalid(problems);
        }

        if (order.Channel != IntakeChannel.Email || order.Status != OrderStatus.Draft)
        {
            return new OrderResult.Conflict();
        }

        order.EmailConfirmedWith = input.ConfirmedWith!.Trim();
        order.EmailConfirmedAt = input.ConfirmedAt!.Value.UtcDateTime;
        order.EmailConfirmationMethod = input.Method;
        order.EmailConfirmedContent = input.Content!.Trim();
        order.EmailConfirmedById = userId;
        await db.SaveChangesAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    /// <summary>ORD-04: records the city job's vehicle, driver and ETA and puts the notice to the customer in the outbox (email or SMS).</summary>
    public async Task<OrderResult> RecordCityJobAsync(ScopeViewer viewer, string userId, int id, CityJobInput input, CancellationToken ct)
    {
        var order = await db.Set<Order>().VisibleTo(viewer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return new OrderResult.NotFound();
        }

        var policy = await policies.GetAsync<OrderPolicy>(OrderPolicy.Key, ct);
        var now = clock.GetUtcNow();
        var problems = new ProblemBuilder().MaxLength("vehicle", input.Vehicle, 50).MaxLength("driver", input.Driver, 100)
            .MaxLength("driverPhone", input.DriverPhone, 40).Phone("driverPhone", input.DriverPhone);
        foreach (var refusal in CityJobs.Refusals(new CityJobFacts(order.JobType, input.Vehicle, input.Driver, input.DriverPhone, input.Eta), now, policy))
        {
            problems.Add(FieldOf(refusal), "Orders.CityJob." + refusal, policy.CityJobEtaWithinHours);
        }

        var customer = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == order.CustomerId)
            .Select(c => new { c.Name, c.ContactName, c.ContactEmail, c.Phone }).SingleAsync(ct);
        var channel = CityJobs.NoticeChannel(order.FeedbackChannel == FeedbackChannel.Email, order.FeedbackChannel == FeedbackChannel.Sms,
            !string.IsNullOrWhiteSpace(customer.ContactEmail), !string.IsNullOrWhiteSpace(customer.Phone));
        if (channel is null)
        {
            problems.Add("customer", "Orders.CityJob.NoCustomerAddress");
        }

        if (problems.HasErrors)
        {
            return new OrderResult.Invalid(problems);
        }

        if (order.Status is not (OrderStatus.Confirmed or OrderStatus.InTransit))
        {
            return new OrderResult.Conflict();
        }

        order.CityVehicle = input.Vehicle!.Trim();
        order.CityDriver = input.Driver!.Trim();
        order.CityDriverPhone = input.DriverPhone!.Trim();
        order.CityEta = input.Eta!.Value.UtcDateTime;
        order.CityRecordedById = userId;
        order.CityNoticeChannel = channel;
        order.CityCustomerToldAt = now.UtcDateTime;
        var chinese = CultureInfo.GetCultureInfo(LocalizationSetup.Chinese);
        var body = LocalText.Of("Orders.CityJob.NoticeBody", customer.ContactName ?? customer.Name, order.Number, order.CityVehicle, order.CityDriver,
            order.CityDriverPhone, CompanyTime.Format(order.CityEta)).Render(chinese);
        db.Add(new OutboxMessage
        {
            Channel = channel == CustomerNoticeChannel.Email ? NotificationChannel.Email : NotificationChannel.Sms,
            Recipient = (channel == CustomerNoticeChannel.Email ? customer.ContactEmail : customer.Phone)!.Trim(), EventKey = CityJobMailEvent,
            Subject = Cut(LocalText.Of("Orders.CityJob.NoticeSubject", order.Number).Render(chinese), 300), Body = body,
            Status = DeliveryStatus.Pending, CreatedAt = now.UtcDateTime, NextAttemptAt = now.UtcDateTime,
            RelatedType = OrderUseCases.RecordType, RelatedId = OrderUseCases.Key(order.Id),
        });
        await db.SaveChangesAsync(ct);
        return new OrderResult.Ok(order.Id);
    }

    internal static string FieldOf(CityJobRefusal refusal) => refusal switch
    {
        CityJobRefusal.NotACityJob => "jobType",
        CityJobRefusal.VehicleMissing => "vehicle",
        CityJobRefusal.DriverMissing => "driver",
        CityJobRefusal.DriverPhoneMissing => "driverPhone",
        _ => "eta",
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
