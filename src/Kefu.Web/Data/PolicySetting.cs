namespace Kefu.Web.Data;

/// <summary>An administrator's override of a module policy (the numbers of REQUIREMENTS.md), as JSON.</summary>
public sealed class PolicySetting : IVersioned
{
    public required string Key { get; set; }
    public required string Json { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}
