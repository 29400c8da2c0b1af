using System.Globalization;
using System.Text;
using NPOI.XSSF.UserModel;

namespace Kefu.Web.Platform.Export;

/// <summary>One column of an exported list: its header (already localised) and how to read a row.</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value);

/// <summary>RPT-03: every list exports exactly what its filters select, to Excel (.xlsx) and CSV.</summary>
public static class TableExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] ToXlsx<T>(string sheetName, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows) =>
        Workbook(workbook => AddSheet(workbook, sheetName, columns, rows));

    /// <summary>One workbook of several sheets, each added by <see cref="AddSheet{T}"/> (EXP-12's batch lists).</summary>
    public static byte[] Workbook(params Action<XSSFWorkbook>[] sheets)
    {
        var workbook = new XSSFWorkbook();
        foreach (var add in sheets)
        {
            add(workbook);
        }

        using var stream = new MemoryStream();
        workbook.Write(stream);
        return stream.ToArray();
    }

    public static void AddSheet<T>(XSSFWorkbook workbook, string sheetName, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows)
    {
        var sheet = workbook.CreateSheet(sheetName);
        var headerStyle = workbook.CreateCellStyle();
        var bold = workbook.CreateFont();
        bold.IsBold = true;
        headerStyle.SetFont(bold);
        var dateStyle = workbook.CreateCellStyle();
        dateStyle.DataFormat = workbook.CreateDataFormat().GetFormat("yyyy-mm-dd hh:mm");

        var header = sheet.CreateRow(0);
        for (var c = 0; c < columns.Count; c++)
        {
            var cell = header.CreateCell(c);
            cell.SetCellValue(columns[c].Header);
            cell.CellStyle = headerStyle;
        }

        var r = 1;
        foreach (var item in rows)
        {
            var row = sheet.CreateRow(r++);
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = row.CreateCell(c);
                switch (columns[c].Value(item))
                {
                    case null:
                        break;
                    case DateTime dt:
                        cell.SetCellValue(dt);
                        cell.CellStyle = dateStyle;
                        break;
                    case int or long or decimal or double:
                        cell.SetCellValue(Convert.ToDouble(columns[c].Value(item), CultureInfo.InvariantCulture));
                        break;
                    case bool b:
                        cell.SetCellValue(b);
                        break;
                    case var other:
                        cell.SetCellValue(Convert.ToString(other, CultureInfo.CurrentCulture));
                        break;
                }
            }
        }

        for (var c = 0; c < columns.Count; c++)
        {
            sheet.SetColumnWidth(c, 20 * 256);
        }

        sheet.CreateFreezePane(0, 1);
    }

    public static byte[] ToCsv<T>(IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', columns.Select(c => Escape(c.Header))).Append("\r\n");
        foreach (var item in rows)
        {
            text.AppendJoin(',', columns.Select(c => Escape(Format(c.Value(item))))).Append("\r\n");
        }

        // A byte-order mark so Excel opens Chinese CSV as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
