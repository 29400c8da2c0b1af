using System.Net.Http.Json;

namespace Kefu.Web.Tests.Infrastructure;

public static class HttpExtensions
{
    /// <summary>Sends <paramref name="method"/> to <paramref name="url"/> with an optional JSON body.</summary>
    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, string method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        // A ready-made body (multipart uploads) goes as it is; anything else as JSON.
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            _ => JsonContent.Create(body),
        };

        return await client.SendAsync(request);
    }
}
