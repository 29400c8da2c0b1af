namespace Kefu.Web.Platform.Import;

/// <summary>
/// What an uploaded spreadsheet may hold before Kefu refuses it (ADR 0010). These guard the
/// server's memory and time rather than a business rule, so the operator sets them in
/// configuration (section <c>Kefu:Import</c>, e.g. <c>Kefu__Import__MaxRows=50000</c>); the values
/// here are the defaults.
/// </summary>
public sealed class SpreadsheetLimits
{
    public const string Section = "Kefu:Import";

    /// <summary>The uploaded file itself.</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>All parts of the package together, as they would be once unpacked (a 20,000-row customer sheet is about 12 MB).</summary>
    public long MaxUncompressedBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// The most a part may shrink when packed (unpacked ÷ packed); real sheets stay below 25, a
    /// zip bomb is near 1,000. Checked only for parts larger than <see cref="RatioCheckedFromBytes"/>.
    /// </summary>
    public int MaxCompressionRatio { get; set; } = 100;

    public long RatioCheckedFromBytes { get; set; } = 1024 * 1024;

    /// <summary>Parts in the package (a workbook has a dozen; pictures and sheets add a few each).</summary>
    public int MaxEntries { get; set; } = 1_000;

    /// <summary>Data rows below the header; a sheet with more is refused whole, never cut short.</summary>
    public int MaxRows { get; set; } = 20_000;

    /// <summary>Columns of the header row.</summary>
    public int MaxColumns { get; set; } = 100;

    /// <summary>Characters in one cell (Excel's own limit).</summary>
    public int MaxCellCharacters { get; set; } = 32_767;

    public static void Register(IServiceCollection services) =>
        services.AddOptions<SpreadsheetLimits>().BindConfiguration(Section)
            .Validate(l => l.MaxFileBytes > 0 && l.MaxUncompressedBytes > 0 && l.MaxCompressionRatio > 0 && l.RatioCheckedFromBytes >= 0
                           && l.MaxEntries > 0 && l.MaxRows > 0 && l.MaxColumns > 0 && l.MaxCellCharacters > 0,
                $"Every limit of {Section} must be positive.")
            .ValidateOnStart();
}
