namespace Kefu.Web.Modules.Requests.Pages;

/// <summary>How the request pages show statuses and steps.</summary>
public static class RequestLabels
{
    public static string StatusCss(string status) => status switch
    {
        nameof(RequestStatus.Filed) => "bg-green-lt",
        nameof(RequestStatus.Rejected) => "bg-red-lt",
        nameof(RequestStatus.Returned) => "bg-yellow-lt",
        nameof(RequestStatus.Draft) => "bg-secondary-lt",
        _ => "bg-blue-lt",
    };

    public static string StepCss(string state) => state switch
    {
        "Approve" => "bg-green-lt",
        "Current" => "bg-blue-lt",
        "Return" => "bg-yellow-lt",
        "Reject" => "bg-red-lt",
        _ => "bg-secondary-lt",
    };
}
