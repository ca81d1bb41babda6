package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.renewd.application.contacts.ContactQueries;
import io.renewd.application.contacts.DeleteContacts;
import io.renewd.application.contacts.SetContacts;
import io.renewd.domain.Contact;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Key Vault's certificate contacts of a vault: who hears about its certificates. */
@Path("/vaults/{vault}/certificates/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
public class ContactsResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactModel(String email, String name, String phone) {
    }

    public record Contacts(String id, List<ContactModel> contacts) {
    }

    private final SetContacts setContacts;
    private final DeleteContacts deleteContacts;
    private final ContactQueries contactQueries;

    ContactsResource(SetContacts setContacts, DeleteContacts deleteContacts, ContactQueries contactQueries) {
        this.setContacts = setContacts;
        this.deleteContacts = deleteContacts;
        this.contactQueries = contactQueries;
    }

    @PUT
    @Operation(summary = "Replace the vault's certificate contacts")
    public Contacts set(@PathParam("vault") String vault, Contacts body, @Context UriInfo uri) {
        List<ContactModel> requested = body == null || body.contacts() == null ? List.of() : body.contacts();
        var contacts = requested.stream().map(c -> c == null ? null : new Contact(c.email(), c.name(), c.phone())).toList();
        return model(vault, setContacts.execute(vault, contacts), uri);
    }

    @GET
    @Operation(summary = "Get the vault's certificate contacts")
    public Contacts get(@PathParam("vault") String vault, @Context UriInfo uri) {
        return model(vault, contactQueries.get(vault), uri);
    }

    @DELETE
    @Operation(summary = "Delete the vault's certificate contacts")
    public Contacts delete(@PathParam("vault") String vault, @Context UriInfo uri) {
        return model(vault, deleteContacts.execute(vault), uri);
    }

    private static Contacts model(String vault, List<Contact> contacts, UriInfo uri) {
        return new Contacts(Ids.vault(uri, vault) + "/certificates/contacts",
                contacts.stream().map(c -> new ContactModel(c.email(), c.name(), c.phone())).toList());
    }
}
