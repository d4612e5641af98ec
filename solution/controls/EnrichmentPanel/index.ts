/*
 * CrmPersonCentric enrichment panel: a Power Apps code component (standard control) on the contact form.
 * The contact's columns arrive as bound properties; trait edits go back through getOutputs, so they are written to the
 * form like typing into the field and saved with it. The persona, its open drift findings, the person's recent signals
 * and the trait taxonomy are read through context.webAPI. Nothing about the person is logged.
 */
import { DIMENSIONS, Dimension } from "./catalog";
import { cleanId } from "./dom";
import { IInputs, IOutputs } from "./generated/ManifestTypes";
import { Panel, PanelState, PanelWebApi, TraitAccess, TraitColumn } from "./panel";
import * as traits from "./traits";
import { DimensionId } from "./traits";

type TraitProperty = Dimension["property"];

/**
 * What model-driven forms add to context.mode (not in the typed API, undocumented): the record the form shows. Only a
 * fallback for a form that places the panel without binding its contactId property to contactid, the documented way.
 */
interface FormContextInfo {
  contextInfo?: { entityId?: string; entityTypeName?: string };
}

let instances = 0;

export class EnrichmentPanel implements ComponentFramework.StandardControl<IInputs, IOutputs> {
  /** The trait normaliser, for the parity test against the C# pipeline (reached through the registered constructor). */
  public static readonly traits = Object.freeze({ ...traits });

  private panel: Panel | null = null;
  private notifyOutputChanged: (() => void) | null = null;
  /** Trait edits not yet reflected in the bound properties; a value of null clears the column. */
  private readonly pending = new Map<TraitProperty, string | null>();

  public init(context: ComponentFramework.Context<IInputs>, notifyOutputChanged: () => void, _state: ComponentFramework.Dictionary, container: HTMLDivElement): void {
    this.notifyOutputChanged = notifyOutputChanged;
    const ids = "cpc-ep" + ++instances + "-";
    this.panel = new Panel(container, {
      // The framework types entities as ComponentFramework.WebApi.Entity; the panel reads them as plain rows.
      webApi: context.webAPI as unknown as PanelWebApi,
      formatDate: (date) => context.formatting.formatDateShort(date),
      writeTrait: (dimension, value) => this.write(dimension.property, value),
      // The persona's form lists all its findings; without navigation (a host that has none) the panel says where they are.
      openPersona: context.navigation?.openForm
        ? (personaId) => { void context.navigation.openForm({ entityName: "cpc_persona", entityId: personaId }); }
        : undefined,
    }, ids);
  }

  public updateView(context: ComponentFramework.Context<IInputs>): void {
    const p = context.parameters;
    // An edit waits here until the form reports the column: then the form's value is the truth, even when it differs
    // (an OnChange script or business rule rewrote it).
    const updated = new Set(context.updatedProperties ?? []);
    for (const [property, value] of this.pending) {
      if (updated.has(property) || (p[property].raw ?? null) === value) this.pending.delete(property);
    }
    const disabled = context.mode.isControlDisabled;
    const column = (property: TraitProperty): TraitColumn => ({
      value: this.pending.has(property) ? this.pending.get(property)! : p[property].raw ?? null,
      access: accessOf(p[property], disabled),
    });
    const lookup = p.persona.raw?.[0];
    const personaId = lookup ? cleanId(lookup.id) : null;
    const state: PanelState = {
      contactId: cleanId(p.contactId?.raw) ?? cleanId((context.mode as unknown as FormContextInfo).contextInfo?.entityId),
      persona: personaId ? { id: personaId, name: lookup?.name ?? null } : null,
      fit: p.personaFit.raw ?? null,
      fitUpdatedOn: p.fitUpdatedOn.raw ?? null,
      enrichment: { rank: p.enrichmentRank.raw ?? null, note: p.enrichmentNote.raw ?? null },
      advocate: { reason: p.advocateReason.raw ?? null, kinds: p.advocateKinds.raw ?? null },
      summary: p.insightSummary.raw ?? null,
      deepPersonalDesire: p.deepPersonalDesire.raw ?? null,
      emotionalStakes: p.emotionalStakes.raw ?? null,
      trustSignals: (p.trustSignals.raw ?? []).map(Number),
      traits: Object.fromEntries(DIMENSIONS.map((d) => [d.id, column(d.property)])) as Record<DimensionId, TraitColumn>,
    };
    this.panel?.update(state);
  }

  /** The trait columns edited in the panel; undefined clears a column (the framework's way to write null). */
  public getOutputs(): IOutputs {
    const outputs: IOutputs = {};
    for (const [property, value] of this.pending) {
      outputs[property] = value ?? undefined;
    }
    return outputs;
  }

  public destroy(): void {
    this.panel?.dispose();
    this.panel = null;
    this.notifyOutputChanged = null;
    this.pending.clear();
  }

  private write(property: TraitProperty, value: string | null): void {
    this.pending.set(property, value);
    this.notifyOutputChanged?.();
  }
}

/**
 * Whether the panel may change a trait column: not when the form is read-only, when field security or the user's
 * privileges keep the column read-only, or when the property is bound to no column.
 */
function accessOf(property: ComponentFramework.PropertyTypes.StringProperty, formDisabled: boolean): TraitAccess {
  if (!property.attributes?.LogicalName) return "unbound";
  if (formDisabled) return "formReadOnly";
  return property.security && property.security.editable === false ? "readOnly" : "edit";
}
