using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Functions.Storage;
using CrmPersonCentric.Model.Fit;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using C = CrmPersonCentric.Dataverse.Schema.Tables.Contact;

namespace CrmPersonCentric.Functions.Services;

/// <summary>
/// The nightly repair: page every tagged contact's person-centric columns through the Web API and rewrite each
/// snapshot whose stored row version differs (a lost or failed delivery), then apply signal retention. This is what
/// makes "nothing lost" true end to end.
/// </summary>
public sealed partial class ReconciliationService(
    IDataverseClient client,
    DataverseDefinitions definitions,
    SnapshotStore snapshots,
    TraitNormalizer normalizer,
    IOptions<StorageOptions> storage,
    ILogger<ReconciliationService> logger)
{
    /// <summary>Runs the repair.</summary>
    public async Task<ReconciliationResult> RunAsync(CancellationToken cancellationToken)
    {
        var personas = (await definitions.PersonasAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var query = new ODataQuery
        {
            Select = [C.Id, C.Aspirations, C.CoreFears, C.PeerGroups, C.Communities, C.DeepPersonalDesire, C.TrustSignals, "_" + C.Persona + "_value", "_" + C.ParentCustomer + "_value", C.ModifiedOn, "versionnumber"],
            Filter = "_cpc_personaid_value ne null",
            Expand = "parentcustomerid_account($select=industrycode,numberofemployees,cpc_region)",
            IncludeAnnotations = true,
        };
        int checkedCount = 0, repaired = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in client.QueryAsync(C.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            var source = new JsonRow(row);
            if (!Guid.TryParse(source.GetString(C.Id), out var contactId))
            {
                continue;
            }

            checkedCount++;
            seen.Add(contactId.ToString("D"));
            var version = row["versionnumber"]?.ToJsonString().Trim('"');
            var index = await snapshots.IndexOfAsync(contactId.ToString("D"), cancellationToken).ConfigureAwait(false);
            if (index is { Erased: false } known && known.RowVersion is { } stored && stored.Where(char.IsAsciiDigit).SequenceEqual((version ?? string.Empty).Where(char.IsAsciiDigit)))
            {
                continue;
            }

            await RepairAsync(contactId, row, version, personas, cancellationToken).ConfigureAwait(false);
            repaired++;
        }

        // Contacts we hold a tagged snapshot for that Dataverse no longer lists as tagged: a lost delete or un-tag.
        var erased = 0;
        await foreach (var (contact, persona) in snapshots.IndexedContactsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (seen.Contains(contact) || persona is null || !Guid.TryParse(contact, out var contactId))
            {
                continue;
            }

            var row = await client.RetrieveAsync(C.EntitySet, contactId, [C.Id, C.Aspirations, C.CoreFears, C.PeerGroups, C.Communities, C.DeepPersonalDesire, C.TrustSignals, "_" + C.Persona + "_value", C.ModifiedOn, "versionnumber"], cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                await snapshots.EraseContactAsync(contact, cancellationToken).ConfigureAwait(false);
                erased++;
            }
            else
            {
                await RepairAsync(contactId, row, row["versionnumber"]?.ToJsonString().Trim('"'), personas, cancellationToken).ConfigureAwait(false);
                repaired++;
            }
        }

        var expired = await snapshots.ApplyRetentionAsync(TimeSpan.FromDays(storage.Value.SignalRetentionDays), cancellationToken).ConfigureAwait(false);
        LogReconciled(logger, checkedCount, repaired, erased, expired);
        return new ReconciliationResult(checkedCount, repaired, expired, erased);
    }

    private async Task RepairAsync(Guid contactId, System.Text.Json.Nodes.JsonObject row, string? version, Dictionary<string, Model.Persona> personas, CancellationToken cancellationToken)
    {
        var source = new JsonRow(row);
        var account = row["parentcustomerid_account"] is System.Text.Json.Nodes.JsonObject expanded ? new JsonRow(expanded) : null;
        var (profile, _) = ContactProfileMapper.Read(contactId, source, account, normalizer, source.GetDate(C.ModifiedOn) ?? DateTimeOffset.UtcNow);
        var fit = profile.PersonaId is { } pid && personas.TryGetValue(pid, out var persona) ? PersonaFit.Compute(persona, profile.Traits) : null;
        await snapshots.UpsertSnapshotAsync(new PersonSnapshot(profile, fit is { } f ? Math.Round(f, 4) : null, version, profile.ProfileUpdatedOn), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation checked {Checked} contacts, repaired {Repaired} snapshots, erased {Erased} deleted contacts, deleted {Expired} expired signals")]
    private static partial void LogReconciled(ILogger logger, int @checked, int repaired, int erased, int expired);
}
