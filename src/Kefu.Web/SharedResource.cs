namespace Kefu.Web;

/// <summary>Marker for the one resource set of UI strings (Resources/SharedResource.zh-CN.resx and .en.resx).</summary>
public sealed class SharedResource;
