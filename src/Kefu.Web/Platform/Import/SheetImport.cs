using System.Globalization;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;

namespace Kefu.Web.Platform.Import;

/// <summary>
/// A problem with one row of an imported sheet: its row number as Excel shows it (null when the
/// problem is the sheet's as a whole, e.g. dates missing from a calendar year), the field (as the
/// API names it; pages show the column's header) and the message in the reader's words.
/// </summary>
public sealed record ImportError(int? Row, string Field, string Message);

/// <summary>What an import did: data rows read, rows saved, and every problem found.</summary>
public sealed record ImportResult(int Rows, int Imported, IReadOnlyList<ImportError> Errors);

/// <summary>An import either ran (rows saved, bad rows reported) or was refused whole, with nothing saved.</summary>
public abstract record ImportOutcome
{
    private ImportOutcome()
    {
    }

    public sealed record Done(ImportResult Result) : ImportOutcome;

    /// <summary>The file (over a limit, unreadable, without a required column) or the caller's place: 400 naming the field, usually "file".</summary>
    public sealed record Refused(ProblemBuilder Problems) : ImportOutcome;

    public static Refused File(SpreadsheetProblem problem) => new(new ProblemBuilder().Add("file", problem.Key, problem.Args));
}

/// <summary>
/// One column of a sheet Kefu imports and exports: the field it fills, its header in Chinese (the
/// template's) and in English (either is recognised on import), and whether an import needs it.
/// </summary>
public sealed record SheetColumn(string Field, string Zh, string En, bool Required = false);

/// <summary>
/// PLT-05: the columns of one kind of master-data sheet, shared by its template, its export and its
/// import, so the three never disagree. Headers are matched in Chinese or English (or by the field's
/// own name), in any order; columns Kefu does not know are ignored.
/// </summary>
public sealed class SheetLayout(string sheetZh, string sheetEn, params SheetColumn[] columns)
{
    public IReadOnlyList<SheetColumn> Columns { get; } = columns;

    /// <summary>The column a row error points at, named as the reader's sheet names it; a field of no column by its label.</summary>
    public string Header(string field) =>
        Columns.FirstOrDefault(c => c.Field == field) is { } column ? (LocalizationSetup.IsEnglish ? column.En : column.Zh) : ProblemBuilder.Label(field);

    public string SheetName => LocalizationSetup.IsEnglish ? sheetEn : sheetZh;

    /// <summary>Column index → field, for the header row of an uploaded sheet (the first column of a field wins).</summary>
    public IReadOnlyDictionary<int, string> Map(IReadOnlyList<string?> header)
    {
        var map = new Dictionary<int, string>();
        for (var c = 0; c < header.Count; c++)
        {
            var text = header[c]?.Trim();
            var column = Columns.FirstOrDefault(x => string.Equals(x.Zh, text, StringComparison.Ordinal)
                                                     || string.Equals(x.En, text, StringComparison.OrdinalIgnoreCase)
                                                     || string.Equals(x.Field, text, StringComparison.OrdinalIgnoreCase));
            if (column is not null && !map.ContainsValue(column.Field))
            {
                map[c] = column.Field;
            }
        }

        return map;
    }

    /// <summary>
    /// A sheet of these columns (but <paramref name="omit"/>) with the reader's headers: the rows give
    /// each field's value (null leaves the cell empty). An import reads it back as it is.
    /// </summary>
    public byte[] Write<T>(IEnumerable<T> rows, Func<T, string, object?> value, params string[] omit) =>
        TableExport.ToXlsx(SheetName, Columns.Where(c => !omit.Contains(c.Field))
            .Select(c => new ExportColumn<T>(LocalizationSetup.IsEnglish ? c.En : c.Zh, row => value(row, c.Field))).ToArray(), rows);

    /// <summary>The template: the headers and example rows, keyed by field.</summary>
    public byte[] Template(params IReadOnlyDictionary<string, object?>[] examples) =>
        Write(examples, (row, field) => row.GetValueOrDefault(field));
}

/// <summary>One data row of an uploaded sheet, its cells by field, collecting its own problems.</summary>
public sealed class ImportRow(int number, IReadOnlyDictionary<string, string?> cells)
{
    private readonly List<ImportError> _errors = [];

    /// <summary>The row number as Excel shows it (the header is row 1).</summary>
    public int Number => number;

    public IReadOnlyList<ImportError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>The cell of a field, trimmed; null when the column is absent or the cell blank.</summary>
    public string? this[string field] => cells.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>A problem with a field of this row, from a resource key.</summary>
    public void Error(string field, string key, params object?[] args) => _errors.Add(new ImportError(number, field, Text.Get(key, args)));

    /// <summary>"'x' is not recognised" for a field whose text cannot be read.</summary>
    public void BadValue(string field) => Error(field, "Import.BadValue", this[field]);

    /// <summary>
    /// The problems the use case's own validation found for this row (the rules are not copied
    /// here); <paramref name="rename"/> turns the use case's field names into the sheet's, or null
    /// for a field whose problem this row has reported already in its own words.
    /// </summary>
    public void Add(ProblemBuilder problems, Func<string, string?>? rename = null)
    {
        foreach (var (field, messages) in problems.Errors)
        {
            if ((rename is null ? field : rename(field)) is { } name)
            {
                _errors.AddRange(messages.Select(m => new ImportError(number, name, m)));
            }
        }
    }

    /// <summary>A value that is one of <paramref name="options"/>: each option's own name, or any of its labels.</summary>
    public T? Choice<T>(string field, IEnumerable<(T Value, string[] Names)> options) where T : struct
    {
        if (this[field] is not { } text)
        {
            return null;
        }

        foreach (var (value, names) in options)
        {
            if (names.Any(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)))
            {
                return value;
            }
        }

        BadValue(field);
        return null;
    }

    /// <summary>An enum by its name or by its label (resource <paramref name="labelPrefix"/> + name) in Chinese or English.</summary>
    public T? Enum<T>(string field, string labelPrefix) where T : struct, Enum => Choice(field, SheetValues.EnumOptions<T>(labelPrefix));

    /// <summary>Yes or no (是/否, yes/no, true/false, Y/N, 1/0); <paramref name="blank"/> when the cell is empty.</summary>
    public bool? YesNo(string field, bool? blank = null) => this[field] is null ? blank : Choice(field, SheetValues.YesNoOptions);

    /// <summary>A date as yyyy-MM-dd (or yyyy/M/d); a date cell arrives in that form already.</summary>
    public DateOnly? Date(string field)
    {
        if (this[field] is not { } text)
        {
            return null;
        }

        // A date cell with a time of day of zero arrives as "yyyy-MM-dd"; one typed with a time keeps only its date.
        var datePart = text.Split(' ', 2)[0];
        if (DateOnly.TryParseExact(datePart, SheetValues.DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        BadValue(field);
        return null;
    }
}

/// <summary>How values are written to and read from sheets, the same way for every import.</summary>
public static class SheetValues
{
    public const string DateFormat = "yyyy-MM-dd";

    internal static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d"];

    internal static readonly (bool Value, string[] Names)[] YesNoOptions =
    [
        (true, ["是", "yes", "y", "true", "1", "√"]),
        (false, ["否", "no", "n", "false", "0", "×"]),
    ];

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => Text.Get(value ? "Common.Yes" : "Common.No");

    /// <summary>An enum value's label in the reader's language (resource <paramref name="labelPrefix"/> + name).</summary>
    public static string Label<T>(string labelPrefix, T value) where T : struct, Enum => Text.Get(labelPrefix + value);

    public static IEnumerable<(T Value, string[] Names)> EnumOptions<T>(string labelPrefix) where T : struct, Enum =>
        System.Enum.GetValues<T>().Select(v => (v, new[]
        {
            v.ToString(), Text.In(CultureInfo.GetCultureInfo("zh-CN"), labelPrefix + v), Text.In(CultureInfo.GetCultureInfo("en"), labelPrefix + v),
        }));
}

/// <summary>
/// The one way Kefu reads an uploaded master-data sheet (PLT-05, ADR 0010): streamed within
/// <see cref="SpreadsheetLimits"/>, header mapped by <see cref="SheetLayout"/>, the required
/// columns checked, each data row handed to the caller to check and keep. A file that is not a
/// workbook or breaks a limit is refused whole, before anything could be saved; what to save and
/// whether a sheet is one unit is the caller's.
/// </summary>
public static class SheetImport
{
    /// <summary>Rows read and their problems; <see cref="Refused"/> when the file itself was refused.</summary>
    public sealed record Read(ImportOutcome.Refused? Refused, int Rows, IReadOnlyList<ImportError> Errors)
    {
        public ImportOutcome Done(int imported) => Refused ?? (ImportOutcome)new ImportOutcome.Done(new ImportResult(Rows, imported, Errors));
    }

    public static async Task<Read> ReadAsync(Stream file, SpreadsheetLimits limits, SheetLayout layout, Func<ImportRow, Task> readRow, CancellationToken ct)
    {
        SpreadsheetReader sheet;
        IReadOnlyDictionary<int, string> map;
        try
        {
            sheet = await SpreadsheetReader.OpenAsync(file, limits, ct);
            map = layout.Map(sheet.Header());
        }
        catch (SpreadsheetRefusedException refused)
        {
            return new Read(ImportOutcome.File(refused.Problem), 0, []);
        }

        var missing = layout.Columns.FirstOrDefault(c => c.Required && !map.Values.Contains(c.Field)) ?? (map.Count == 0 ? layout.Columns[0] : null);
        if (missing is not null)
        {
            return new Read(ImportOutcome.File(new SpreadsheetProblem("Import.MissingColumn", missing.Zh, missing.En)), 0, []);
        }

        var errors = new List<ImportError>();
        var rows = 0;
        try
        {
            foreach (var cells in sheet.Rows(map.Keys.Max() + 1))
            {
                ct.ThrowIfCancellationRequested();
                rows++;
                var row = new ImportRow(cells.Number, map.ToDictionary(m => m.Value, m => cells.Cells[m.Key]));
                await readRow(row);
                errors.AddRange(row.Errors);
            }
        }
        catch (SpreadsheetRefusedException refused)
        {
            return new Read(ImportOutcome.File(refused.Problem), rows, []);
        }

        return new Read(null, rows, errors);
    }

    /// <summary>The label of another row for "the same as …" messages.</summary>
    public static string RowLabel(int row) => Text.Get("Import.RowLabel", row);
}
