namespace Kefu.Web.Data;

/// <summary>
/// A record several people act on. <see cref="Version"/> is a concurrency token bumped on every
/// save, so a change made from a stale copy fails (409) instead of overwriting someone else's.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
