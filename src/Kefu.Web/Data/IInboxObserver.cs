namespace Kefu.Web.Data;

/// <summary>A row meant for one person's eyes (an inbox item): saving one tells that person's open pages.</summary>
public interface IUserAddressed
{
    string UserId { get; }
}

/// <summary>Told after a save which people got new <see cref="IUserAddressed"/> rows (the live bell, NTF-01).</summary>
public interface IInboxObserver
{
    void Added(IReadOnlyCollection<string> userIds);
}
