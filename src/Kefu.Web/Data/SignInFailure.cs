namespace Kefu.Web.Data;

/// <summary>
/// One failed sign-in, kept for the sign-in limits' windows (minutes) and then deleted, so every
/// node of a cluster counts the same failures. The account is a hash of the name as typed, so an
/// unknown name is counted exactly like a real one and a password typed into the name field is
/// never stored in clear.
/// </summary>
public sealed class SignInFailure
{
    public long Id { get; set; }
    public required string AccountKey { get; set; }
    public required string Address { get; set; }
    public DateTime At { get; set; }
}
