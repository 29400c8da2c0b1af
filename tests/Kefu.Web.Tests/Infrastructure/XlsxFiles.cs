using System.IO.Compression;
using System.Security;
using System.Text;
using NPOI.XSSF.UserModel;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// Spreadsheets for import tests: ordinary ones written by NPOI, and hand-made packages (a sheet
/// XML of our choosing, zip bombs, lying zip directories) that no spreadsheet program would write.
/// </summary>
public static class XlsxFiles
{
    /// <summary>An ordinary workbook: the first row is the header, null leaves a cell empty.</summary>
    public static byte[] Workbook(string[] header, params string?[][] rows)
    {
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("客户");
        var h = sheet.CreateRow(0);
        for (var c = 0; c < header.Length; c++)
        {
            h.CreateCell(c).SetCellValue(header[c]);
        }

        for (var r = 0; r < rows.Length; r++)
        {
            var row = sheet.CreateRow(r + 1);
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c] is { } value)
                {
                    row.CreateCell(c).SetCellValue(value);
                }
            }
        }

        using var stream = new MemoryStream();
        workbook.Write(stream);
        return stream.ToArray();
    }

    /// <summary>An inline-string cell, e.g. <c>Cell("A1", "客户名称")</c>.</summary>
    public static string Cell(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is></c>";

    /// <summary>A workbook whose only sheet has this sheetData (and dimension, when given).</summary>
    public static byte[] Package(string sheetData, string? dimension = null) =>
        Package(w => w.Write(SheetXml(sheetData, dimension)));

    /// <summary>
    /// A zip bomb in the shape of a workbook: about <paramref name="megabytes"/> MB of sheet XML,
    /// rows of one huge repeated string, that packs to about a thousandth of that.
    /// </summary>
    public static byte[] Bomb(int megabytes) => Package(w =>
    {
        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        var filler = new string('A', 1 << 20);
        for (var r = 1; r <= megabytes; r++)
        {
            w.Write($"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>");
            w.Write(filler);
            w.Write("</t></is></c></row>");
        }

        w.Write("</sheetData></worksheet>");
    });

    /// <summary>
    /// The same package with the sheet's declared unpacked size rewritten to <paramref name="declared"/>
    /// bytes in the local header and in the central directory: a bomb that lies about its size.
    /// </summary>
    public static byte[] WithDeclaredSheetSize(byte[] package, uint declared)
    {
        var bytes = (byte[])package.Clone();
        var name = Encoding.ASCII.GetBytes("xl/worksheets/sheet1.xml");
        for (var i = 0; i + 46 + name.Length <= bytes.Length; i++)
        {
            if (bytes[i] != 0x50 || bytes[i + 1] != 0x4b)
            {
                continue;
            }

            if (bytes[i + 2] == 3 && bytes[i + 3] == 4 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), declared);
            }
            else if (bytes[i + 2] == 1 && bytes[i + 3] == 2 && bytes.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), declared);
            }
        }

        return bytes;
    }

    /// <summary>A zip that is not a workbook (a text file inside).</summary>
    public static byte[] ZipWithoutWorkbook()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("not a workbook");
        }

        return output.ToArray();
    }

    private static string SheetXml(string sheetData, string? dimension) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + (dimension is null ? "" : $"<dimension ref=\"{dimension}\"/>") + $"<sheetData>{sheetData}</sheetData></worksheet>";

    private static byte[] Package(Action<StreamWriter> writeSheet)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }

            Add("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Add("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"客户\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Add("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            writeSheet(sheet);
        }

        return output.ToArray();
    }
}
