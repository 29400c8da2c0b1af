namespace Kefu.Web.Modules.Customers;

/// <summary>CUS-05: how a specialist reached the customer (seed 000: 电话沟通、电邮沟通、短信业务, or a visit on site).</summary>
public enum ContactChannel
{
    Phone,
    Email,
    Sms,
    OnSite,
}

/// <summary>CUS-05: a contact recorded in detail: the channel, whom, what was discussed and what came of it.</summary>
public sealed record CustomerContactInput(ContactChannel? Channel, string? ContactName, string? Summary, string? Outcome);

/// <summary>
/// The contact as recorded, with the first-contact facts of CUS-05: the first contact's time, its due time (a
/// week after the assignment) and whether it came within it (null when the customer was never assigned).
/// </summary>
public sealed record CustomerContactDto(
    int CustomerId, ContactChannel Channel, string? ContactName, string Summary, string? Outcome, DateTime ContactedAt, DateTime? AssignedAt,
    DateTime FirstContactAt, DateTime? FirstContactDueAt, bool? WithinFirstContactTarget);

/// <summary>
/// Keeps the record of a contact with a customer, in the caller's unit of work. The module that
/// keeps the customer's contact history (Visits: a contact is a visit made) implements it.
/// </summary>
public interface ICustomerContactLog
{
    void Add(int customerId, string orgPath, string userId, CustomerContactInput contact, DateTime atUtc);
}
