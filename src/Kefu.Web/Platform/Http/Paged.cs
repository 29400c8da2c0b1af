namespace Kefu.Web.Platform.Http;

/// <summary>One page of a server-side paged list.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>Paging arguments as they arrive in a query string, clamped to sane values.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    /// <summary>The most rows one export returns; beyond it people should narrow the filters.</summary>
    public const int MaxExportRows = 100_000;

    public static (int Page, int PageSize) Clamp(int? page, int? pageSize) =>
        (Math.Clamp(page ?? 1, 1, int.MaxValue / MaxPageSize), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
}
