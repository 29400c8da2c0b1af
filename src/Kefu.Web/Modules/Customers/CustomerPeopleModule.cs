using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kefu.Web.Modules.Customers;

/// <summary>CUS-01 over the API: a customer's contacts and addresses, several of each, exactly one of each primary.</summary>
public static class CustomerPeopleModule
{
    public static void MapCustomerPeople(this RouteGroupBuilder customers)
    {
        customers.MapGet("/{id:int}/contact-persons", Contacts).WithName("ListCustomerContactPersons")
            .WithSummary("CUS-01: the customer's contacts (name, phone, email, position), primary first.");
        customers.MapPost("/{id:int}/contact-persons", AddContact).RequireWritePolicy(CustomersModule.ManagePolicy).WithName("AddCustomerContactPerson")
            .WithSummary("CUS-01: adds a contact; the first one, or one sent with isPrimary true, becomes the primary (the mark moves, never two).");
        customers.MapPut("/{id:int}/contact-persons/{contactId:int}", EditContact).RequireWritePolicy(CustomersModule.ManagePolicy).WithName("EditCustomerContactPerson")
            .WithSummary("CUS-01: edits a contact; isPrimary true moves the primary mark to it; the primary is not unmarked by itself (400). 409 when version is stale.");
        customers.MapDelete("/{id:int}/contact-persons/{contactId:int}", RemoveContact).RequireWritePolicy(CustomersModule.ManagePolicy).WithName("RemoveCustomerContactPerson")
            .WithSummary("CUS-01: removes a contact; when it was the primary the oldest remaining one becomes primary.");
        customers.MapGet("/{id:int}/addresses", Addresses).WithName("ListCustomerAddresses")
            .WithSummary("CUS-01: the customer's addresses, primary first.");
        customers.MapPost("/{id:int}/addresses", AddAddress).RequireWritePolicy(CustomersModule.ManagePolicy).WithName("AddCustomerAddress")
            .WithSummary("CUS-01: adds an address; the first one, or one sent with isPrimary true, becomes the primary.");
        customers.MapPut("/{id:int}/addresses/{addressId:int}", EditAddress).RequireWritePolicy(CustomersModule.ManagePolicy).WithName("EditCustomerAddress")
            .WithSummary("CUS-01: edits an address; isPrimary true moves the primary mark to it. 409 when version is stale.");
        customers.MapDelete("/{id:int}/addresses/{addressId:int}", RemoveAddress).RequireWritePolicy(CustomersModule.ManagePolicy).WithName("RemoveCustomerAddress")
            .WithSummary("CUS-01: removes an address; when it was the primary the oldest remaining one becomes primary.");
    }

    private static async Task<Results<Ok<IReadOnlyList<ContactPersonDto>>, NotFound>> Contacts(int id, CustomerPeopleUseCases people, CurrentUser current, CancellationToken ct) =>
        await people.ContactsAsync(await current.GetViewerAsync(ct), id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<AddressDto>>, NotFound>> Addresses(int id, CustomerPeopleUseCases people, CurrentUser current, CancellationToken ct) =>
        await people.AddressesAsync(await current.GetViewerAsync(ct), id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<ContactPersonDto>, ValidationProblem, NotFound, Conflict>> AddContact(
        int id, ContactPersonInput input, CustomerPeopleUseCases people, CurrentUser current, CancellationToken ct) =>
        Created(await people.AddContactAsync(await current.GetViewerAsync(ct), id, input, ct), c => $"/api/customers/{id}/contact-persons/{c.Id}");

    private static async Task<Results<Ok<ContactPersonDto>, ValidationProblem, NotFound, Conflict>> EditContact(
        int id, int contactId, ContactPersonInput input, CustomerPeopleUseCases people, CurrentUser current, CancellationToken ct) =>
        Answer(await people.EditContactAsync(await current.GetViewerAsync(ct), id, contactId, input, ct));

    private static async Task<Results<NoContent, NotFound>> RemoveContact(int id, int contactId, CustomerPeopleUseCases people, CurrentUser current, CancellationToken ct) =>
        await people.RemoveContactAsync(await current.GetViewerAsync(ct), id, contactId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Created<AddressDto>, ValidationProblem, NotFound, Conflict>> AddAddress(
        int id, AddressInput input, CustomerPeopleUseCases people, CurrentUser current, CancellationToken ct) =>
        Created(await people.AddAddressAsync(await current.GetViewerAsync(ct), id, input, ct), a => $"/api/customers/{id}/addresses/{a.Id}");

    private static async Task<Results<Ok<AddressDto>, ValidationProblem, NotFound, Conflict>> EditAddress(
        int id, int addressId, AddressInput input, CustomerPeopleUseCases people, CurrentUser current, CancellationToken ct) =>
        Answer(await people.EditAddressAsync(await current.GetViewerAsync(ct), id, addressId, input, ct));

    private static async Task<Results<NoContent, NotFound>> RemoveAddress(int id, int addressId, CustomerPeopleUseCases people, CurrentUser current, CancellationToken ct) =>
        await people.RemoveAddressAsync(await current.GetViewerAsync(ct), id, addressId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static Results<Created<T>, ValidationProblem, NotFound, Conflict> Created<T>(PeopleResult<T> result, Func<T, string> location) => result.Outcome switch
    {
        PeopleOutcome.Ok => TypedResults.Created(location(result.Value!), result.Value),
        PeopleOutcome.Invalid => result.Problems.ToProblem(),
        PeopleOutcome.Conflict => TypedResults.Conflict(),
        _ => TypedResults.NotFound(),
    };

    private static Results<Ok<T>, ValidationProblem, NotFound, Conflict> Answer<T>(PeopleResult<T> result) => result.Outcome switch
    {
        PeopleOutcome.Ok => TypedResults.Ok(result.Value),
        PeopleOutcome.Invalid => result.Problems.ToProblem(),
        PeopleOutcome.Conflict => TypedResults.Conflict(),
        _ => TypedResults.NotFound(),
    };
}
