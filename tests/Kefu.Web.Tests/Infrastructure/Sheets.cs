using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MiniExcelLibs;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>Master-data sheets for import tests, written and read with MiniExcel (the library Kefu reads uploads with).</summary>
public static class Sheets
{
    /// <summary>A workbook whose first row is <paramref name="header"/>; null leaves a cell empty.</summary>
    public static byte[] Build(string[] header, params object?[][] rows) =>
        Build(rows.Select(r => header.Select((h, i) => (h, i < r.Length ? r[i] : null)).ToDictionary(c => c.h, c => c.Item2)).ToList(), header);

    /// <summary>A workbook of rows keyed by header (as <see cref="Read"/> returns them), the columns in <paramref name="header"/>'s order.</summary>
    public static byte[] Build(IReadOnlyList<Dictionary<string, object?>> rows, IReadOnlyList<string> header)
    {
        using var stream = new MemoryStream();
        // MiniExcel takes the columns from the first row: give every row every header, in order.
        var ordered = rows.Select(r => header.ToDictionary(h => h, h => r.GetValueOrDefault(h))).ToList();
        if (ordered.Count == 0)
        {
            ordered.Add(header.ToDictionary(h => h, _ => (object?)null));
        }

        stream.SaveAs(ordered);
        return stream.ToArray();
    }

    /// <summary>The header of a workbook's first sheet.</summary>
    public static IReadOnlyList<string> Header(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.GetColumns(useHeaderRow: true).Select(c => c.ToString()!).ToArray();
    }

    /// <summary>The data rows of a workbook's first sheet, keyed by header, every value as text (null when empty).</summary>
    public static List<Dictionary<string, object?>> Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(r => r.ToDictionary(c => c.Key, c => c.Value is null ? null : (object?)Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, byte[] file)
    {
        using var form = Form(file);
        return await client.PostAsync(url, form);
    }

    public static MultipartFormDataContent Form(byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { content, "file", "sheet.xlsx" } };
    }

    /// <summary>An import's row errors as (row, field) pairs (row 0 for the sheet as a whole).</summary>
    public static List<(int Row, string Field)> Errors(JsonObject result) =>
        result["errors"]!.AsArray().Select(e => (e!["row"] is null ? 0 : (int)e["row"]!, (string)e["field"]!)).ToList();
}
