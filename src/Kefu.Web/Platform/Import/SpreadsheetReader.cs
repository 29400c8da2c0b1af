using System.Globalization;
using System.IO.Compression;
using Kefu.Web.Platform.Localization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Kefu.Web.Platform.Import;

/// <summary>Why an upload was refused whole: a resource key and its arguments. Nothing of it was saved.</summary>
public sealed record SpreadsheetProblem(string Key, params object?[] Args)
{
    public string Message => Text.Get(Key, Args);
}

/// <summary>Thrown while reading when the sheet turns out to break a limit or not to be a sheet at all.</summary>
public sealed class SpreadsheetRefusedException(SpreadsheetProblem problem) : Exception(problem.Key)
{
    public SpreadsheetProblem Problem { get; } = problem;
}

/// <summary>A data row: its number as Excel shows it, and the text of its first cells (null when empty).</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string?> Cells);

/// <summary>
/// Reads the first sheet of an uploaded .xlsx as text, row by row, without ever holding the
/// workbook (ADR 0010). Before any XML is parsed the package is checked from its zip directory:
/// parts, unpacked size and compression ratio, so a zip bomb is refused in milliseconds (and the
/// runtime's zip reader never inflates a part beyond the size its directory declares). While
/// reading, rows beyond <see cref="SpreadsheetLimits.MaxRows"/>, columns and cell lengths are
/// checked; any breach, and anything that is not a readable workbook, raises
/// <see cref="SpreadsheetRefusedException"/> so the caller can refuse the file whole.
/// </summary>
public sealed class SpreadsheetReader
{
    private readonly Stream _stream;
    private readonly SpreadsheetLimits _limits;

    private SpreadsheetReader(Stream stream, SpreadsheetLimits limits)
    {
        _stream = stream;
        _limits = limits;
    }

    /// <summary>Checks the package and returns a reader for it; throws <see cref="SpreadsheetRefusedException"/> when refused.</summary>
    public static async Task<SpreadsheetReader> OpenAsync(Stream upload, SpreadsheetLimits limits, CancellationToken ct)
    {
        var stream = await SeekableAsync(upload, limits, ct);
        if (CheckPackage(stream, limits) is { } problem)
        {
            throw new SpreadsheetRefusedException(problem);
        }

        return new SpreadsheetReader(stream, limits);
    }

    /// <summary>
    /// The zip directory against the limits, and the parts a workbook must have; null when the
    /// package may be read.
    /// </summary>
    public static SpreadsheetProblem? CheckPackage(Stream stream, SpreadsheetLimits limits)
    {
        if (stream.Length > limits.MaxFileBytes)
        {
            return new SpreadsheetProblem("Import.FileTooLarge", Megabytes(limits.MaxFileBytes));
        }

        try
        {
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > limits.MaxEntries)
            {
                return new SpreadsheetProblem("Import.TooManyParts", limits.MaxEntries);
            }

            long unpacked = 0;
            bool workbook = false, sheet = false;
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > limits.RatioCheckedFromBytes && entry.Length > Math.Max(entry.CompressedLength, 1) * limits.MaxCompressionRatio)
                {
                    return new SpreadsheetProblem("Import.CompressionRatio", limits.MaxCompressionRatio);
                }

                unpacked += entry.Length;
                if (unpacked > limits.MaxUncompressedBytes)
                {
                    return new SpreadsheetProblem("Import.UnpackedTooLarge", Megabytes(limits.MaxUncompressedBytes));
                }

                var name = entry.FullName.TrimStart('/');
                workbook |= name.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase);
                sheet |= name.StartsWith("xl/worksheets/sheet", StringComparison.OrdinalIgnoreCase);
            }

            return workbook && sheet ? null : new SpreadsheetProblem("Import.NotExcel");
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            // InvalidDataException for most non-zips; a file shorter than a zip's end record fails its seek instead.
            return new SpreadsheetProblem("Import.NotExcel");
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>The first row's cells up to the last one filled; more than <see cref="SpreadsheetLimits.MaxColumns"/> is refused.</summary>
    public IReadOnlyList<string?> Header()
    {
        var columns = _limits.MaxColumns + 1;
        var first = Guarded(Query(startRow: 1, endRow: 1, columns, skipEmptyRows: false)).FirstOrDefault();
        var cells = first is null ? new string?[columns] : Cells(first, ColumnNames(columns), 1);
        if (!string.IsNullOrWhiteSpace(cells[^1]))
        {
            throw new SpreadsheetRefusedException(new SpreadsheetProblem("Import.TooManyColumns", _limits.MaxColumns));
        }

        var last = Array.FindLastIndex(cells, c => !string.IsNullOrWhiteSpace(c));
        return cells[..(last + 1)];
    }

    /// <summary>
    /// The data rows (from row 2) that have anything in their first <paramref name="columns"/>
    /// cells. A filled row below the limit is looked for first, so an oversized sheet is refused
    /// before any row is handed out.
    /// </summary>
    public IEnumerable<SheetRow> Rows(int columns)
    {
        columns = Math.Clamp(columns, 1, _limits.MaxColumns);
        // Rows are numbered from the header (row 1): data rows 2 … MaxRows + 1 are allowed.
        var firstBeyond = _limits.MaxRows + 2;
        if (Guarded(Query(firstBeyond, endRow: null, columns, skipEmptyRows: true)).Any(row => !Blank(row)))
        {
            throw new SpreadsheetRefusedException(new SpreadsheetProblem("Import.TooManyRows", _limits.MaxRows));
        }

        return Read(columns, firstBeyond - 1);
    }

    private IEnumerable<SheetRow> Read(int columns, int lastRow)
    {
        // Empty rows are kept here (filled in by the library up to lastRow at most) so that the
        // position of a row in the sequence is its row number.
        var keys = ColumnNames(columns);
        var number = 1;
        foreach (var row in Guarded(Query(startRow: 2, lastRow, columns, skipEmptyRows: false)))
        {
            number++;
            var cells = Cells(row, keys, number);
            if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                yield return new SheetRow(number, cells);
            }
        }
    }

    private IEnumerable<IDictionary<string, object>> Query(int startRow, int? endRow, int columns, bool skipEmptyRows)
    {
        _stream.Position = 0;
        var configuration = new OpenXmlConfiguration
        {
            IgnoreEmptyRows = skipEmptyRows,
            FillMergedCells = false,
            // Strings starting "@@@fileid@@@," would otherwise pull a part of the package into memory.
            EnableConvertByteArray = false,
        };
        return _stream.QueryRange(useHeaderRow: false, sheetName: null, ExcelType.XLSX, startRow, startColumnIndex: 1, endRow, columns, configuration)
            .Cast<IDictionary<string, object>>();
    }

    /// <summary>Anything the library throws while reading means the package is not a readable workbook.</summary>
    private static IEnumerable<T> Guarded<T>(IEnumerable<T> source)
    {
        IEnumerator<T> rows;
        try
        {
            rows = source.GetEnumerator();
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw new SpreadsheetRefusedException(new SpreadsheetProblem("Import.NotExcel"));
        }

        using (rows)
        {
            while (true)
            {
                T row;
                try
                {
                    if (!rows.MoveNext())
                    {
                        yield break;
                    }

                    row = rows.Current;
                }
                catch (Exception e) when (IsUnreadable(e))
                {
                    throw new SpreadsheetRefusedException(new SpreadsheetProblem("Import.NotExcel"));
                }

                yield return row;
            }
        }
    }

    private static bool IsUnreadable(Exception e) => e is not (OperationCanceledException or SpreadsheetRefusedException or OutOfMemoryException);

    private string?[] Cells(IDictionary<string, object> row, string[] keys, int rowNumber)
    {
        var cells = new string?[keys.Length];
        for (var c = 0; c < keys.Length; c++)
        {
            var text = row.TryGetValue(keys[c], out var value) ? AsText(value) : null;
            if (text is { Length: > 0 } && text.Length > _limits.MaxCellCharacters)
            {
                throw new SpreadsheetRefusedException(new SpreadsheetProblem("Import.CellTooLong", rowNumber, _limits.MaxCellCharacters));
            }

            cells[c] = text;
        }

        return cells;
    }

    private static bool Blank(IDictionary<string, object> row) => row.Values.All(v => string.IsNullOrWhiteSpace(AsText(v)));

    /// <summary>A cell as the person typed it: numbers without exponent or grouping, dates as yyyy-MM-dd.</summary>
    private static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string[] ColumnNames(int columns) => Enumerable.Range(0, columns).Select(ColumnName).ToArray();

    /// <summary>0 → A, 25 → Z, 26 → AA: the keys the library gives cells.</summary>
    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static long Megabytes(long bytes) => bytes / (1024 * 1024);

    /// <summary>The zip directory sits at the end of the file, so the reader needs to seek; a forward-only upload is buffered (within the size limit).</summary>
    private static async Task<Stream> SeekableAsync(Stream upload, SpreadsheetLimits limits, CancellationToken ct)
    {
        if (upload.CanSeek)
        {
            return upload;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limits.MaxFileBytes)
            {
                throw new SpreadsheetRefusedException(new SpreadsheetProblem("Import.FileTooLarge", Megabytes(limits.MaxFileBytes)));
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }
}
