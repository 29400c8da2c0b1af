using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Orders;

/// <summary>The endpoints and jobs of seed 001's follow-up steps: email confirmation (ORD-01), city jobs (ORD-04), tracking alerts and late detection (ORD-05/07).</summary>
public static class OrderFollowUpModule
{
    public static void AddOrderFollowUp(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrderFollowUpUseCases>();
        builder.Services.AddScoped<OrderTrackingTimers>();
        builder.Services.AddScoped<LateArrivalDetector>();
        builder.AddRecurringJob<LateArrivalJob>("orders-late-arrival", TimeSpan.FromMinutes(1));
    }

    public static void MapOrderFollowUp(this RouteGroupBuilder orders)
    {
        orders.MapPost("/{id:int}/email-confirmation", ConfirmEmail).RequireWritePolicy(OrdersModule.TakePolicy).WithName("ConfirmEmailOrder")
              .WithSummary("ORD-01 (seed 001 §2.1): an email order's content checked with the customer: confirmedWith, confirmedAt, method, content. Until then the order cannot be confirmed.");
        orders.MapPost("/{id:int}/city-job", CityJob).RequireWritePolicy(OrdersModule.TakePolicy).WithName("RecordCityJob")
              .WithSummary("ORD-04 (seed 001 §3.1): the city job's vehicle, driver, driver's phone and ETA; the customer is told by email or SMS through the outbox.");
    }

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> ConfirmEmail(
        int id, EmailConfirmationInput input, OrderFollowUpUseCases followUp, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await AnswerAsync(await followUp.ConfirmEmailAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), orders, db, id, ct);

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> CityJob(
        int id, CityJobInput input, OrderFollowUpUseCases followUp, OrderUseCases orders, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await AnswerAsync(await followUp.RecordCityJobAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), orders, db, id, ct);

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, NotFound, Conflict>> AnswerAsync(OrderResult result, OrderUseCases orders, KefuDbContext db, int id, CancellationToken ct) =>
        result switch
        {
            OrderResult.Ok => TypedResults.Ok(OrderQueries.ToDto(await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id, ct), await orders.PointsAsync(id, ct))),
            OrderResult.Invalid invalid => invalid.Problems.ToProblem(),
            OrderResult.Conflict => TypedResults.Conflict(),
            _ => TypedResults.NotFound(),
        };
}
