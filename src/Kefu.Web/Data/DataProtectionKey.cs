namespace Kefu.Web.Data;

/// <summary>A data-protection key, kept in the database so every node can read every node's cookies and tokens.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
