using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Http;

/// <summary>
/// Pages' side of "a stale update is 409": a page handler that saves from a stale copy (the
/// concurrency token refused it) answers the 409 page, which says what happened and links back to
/// the page, instead of the 500 page. The API answers the same case in <see cref="ApiExceptionHandler"/>.
/// </summary>
internal sealed class PageConflictFilter(ILogger<PageConflictFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is DbUpdateConcurrencyException && !executed.ExceptionHandled)
        {
            logger.LogInformation("Concurrency conflict on {Path}", context.HttpContext.Request.Path);
            executed.ExceptionHandled = true;
            executed.Result = new StatusCodeResult(StatusCodes.Status409Conflict);
        }
    }
}
