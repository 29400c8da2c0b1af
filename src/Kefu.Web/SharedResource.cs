using System.Resources;

// Chinese is the default language, and its strings live in the zh-CN satellite: a lookup in any
// other culture (or none) falls back to it instead of failing.
[assembly: NeutralResourcesLanguage("zh-CN", UltimateResourceFallbackLocation.Satellite)]

namespace Kefu.Web;

/// <summary>Marker for the one resource set of UI strings (Resources/SharedResource.zh-CN.resx and .en.resx).</summary>
public sealed class SharedResource;
