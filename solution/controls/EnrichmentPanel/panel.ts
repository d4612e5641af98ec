/*
 * The panel itself, independent of the component framework's lifecycle: index.ts turns each context into a PanelState
 * and hands trait edits back to the form. Nothing about the person is logged, and every value is rendered as text.
 */
import {
  ADVOCATE_KINDS, ALERTS_SHOWN, CHOICE_BASE, DIMENSIONS, Dimension, EMERGING_TRAIT, FINDINGS_READ, FINDING_KINDS, FORMATTED, INFO_SEVERITY, LADDER, METRICS, QUERIES,
  SALES_ROLE, SEVERITIES, SIGNAL_TYPES, SOURCES, TABLE_WORDS, TRUST,
} from "./catalog";
import { Child, el, nodes, permissionError, readableError } from "./dom";
import { DimensionId, EMPTY_TAXONOMY, LIMITS, LIST_SEPARATORS, Taxonomy, TaxonomyEntry, createTaxonomy, normalize, parseColumn, trimDotNet } from "./traits";

/** Why a trait column can or cannot be changed from the panel. */
export type TraitAccess = "edit" | "readOnly" | "unbound" | "formReadOnly";

export interface TraitColumn {
  value: string | null;
  access: TraitAccess;
}

/** Everything the panel shows from the contact: the bound columns, read from the form. */
export interface PanelState {
  contactId: string | null;
  persona: { id: string; name: string | null } | null;
  fit: number | null;
  fitUpdatedOn: Date | null;
  /** The contact's place on its persona's enrichment worklist (written by each drift evaluation). */
  enrichment: { rank: number | null; note: string | null };
  /** Why the person stands out among their persona's people, and as what (written by each drift evaluation). */
  advocate: { reason: string | null; kinds: string | null };
  summary: string | null;
  deepPersonalDesire: string | null;
  emotionalStakes: string | null;
  trustSignals: readonly number[];
  traits: Readonly<Record<DimensionId, TraitColumn>>;
}

export type Row = Record<string, unknown>;

/** The part of context.webAPI the panel uses. */
export interface PanelWebApi {
  retrieveRecord(entityType: string, id: string, options?: string): Promise<Row>;
  retrieveMultipleRecords(entityType: string, options?: string): Promise<{ entities: Row[] }>;
}

export interface PanelHost {
  webApi: PanelWebApi;
  /** The user's short date format (context.formatting). */
  formatDate(date: Date): string;
  /** Writes a trait column to the form (unsaved, like typing into the field). */
  writeTrait(dimension: Dimension, value: string | null): void;
  /** Opens the persona's form (where all its findings are), when the host can navigate. */
  openPersona?(personaId: string): void;
}

type Settled<T> = { status: "pending" } | { status: "fulfilled"; value: T } | { status: "rejected"; reason: unknown };

const PENDING: Settled<never> = { status: "pending" };

interface TraitContext {
  taxonomy: Taxonomy;
  hasPersona: boolean;
  declared: Map<DimensionId, Set<string>> | null;
  emerging: Set<string>;
}

/** The sections, fit and the top alert first; each collapses (the ones a sales user needs least start collapsed). */
const SECTIONS: readonly { name: string; title: string; body: string; skeletons: readonly string[]; hint?: string; open: boolean }[] = [
  { name: "persona", title: "Persona fit", body: "persona", skeletons: ["title", "bar", "summary"], open: true },
  { name: "drift", title: "Persona alerts", body: "alerts", skeletons: ["item", "item"], open: true },
  { name: "traits", title: "What drives this person", body: "traits", skeletons: ["completeness", "block", "block", "block", "block"], open: true },
  { name: "ladder", title: "Messaging ladder", body: "ladder", skeletons: ["rung", "rung", "rung", "rung"], open: false },
  { name: "trust", title: "How they extend trust", body: "trust", skeletons: ["line", "line"], open: false },
  { name: "signals", title: "One journey across functions", body: "list", skeletons: ["item", "item"], open: false },
];

export class Panel {
  private readonly root: HTMLElement;
  private readonly announcer: HTMLElement;
  private readonly sections = new Map<string, HTMLElement>();
  private readonly completeness: HTMLElement;
  private readonly traitBlocks = new Map<DimensionId, { render: (focusAfter?: number) => void; clearError: () => void }>();
  /** The dimensions whose capture form the user opened (kept open when the block renders again). */
  private readonly openCaptures = new Set<DimensionId>();
  private whyIds = 0;
  private state: PanelState | null = null;
  private generation = 0;
  private persona: Settled<Row | null> = PENDING;
  private drift: Settled<{ entities: Row[] }> = PENDING;
  private taxonomy: Settled<{ entities: Row[] }> = PENDING;
  private traitContext: TraitContext | null = null;
  private announceTimer: number | undefined;

  public constructor(container: HTMLElement, private readonly host: PanelHost, private readonly ids: string) {
    this.announcer = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    this.completeness = el("div", { class: "completeness", "data-completeness": "" });
    this.root = el("section", { class: "cpc-panel", "aria-labelledby": ids + "title", "aria-busy": "true" },
      el("h2", { id: ids + "title", class: "visually-hidden", text: "Person insights" }),
      SECTIONS.map((s) => {
        const body = el("div", { class: "card-body card-body--" + s.body, "data-section": s.name });
        this.sections.set(s.name, body);
        // The disclosure pattern with a heading around its button (a heading inside <summary> loses its role in some
        // screen readers, and with it heading navigation).
        const fold = el("div", { class: "card__fold", id: ids + s.name + "-fold", hidden: !s.open },
          s.hint ? el("p", { class: "card-hint", text: s.hint }) : null,
          body);
        const toggle = el("button", { type: "button", class: "card__toggle", "aria-expanded": String(s.open), "aria-controls": fold.id, text: s.title });
        toggle.addEventListener("click", () => {
          fold.hidden = !fold.hidden;
          toggle.setAttribute("aria-expanded", String(!fold.hidden));
        });
        return el("section", { class: "card", "aria-labelledby": ids + s.name + "-heading", "data-card": s.name },
          el("h3", { id: ids + s.name + "-heading", class: "card__heading" }, toggle),
          fold);
      }),
      this.announcer);
    container.replaceChildren(this.root);
  }

  /** Shows the form's current values; a new persona or contact reloads what the Web API provides. */
  public update(next: PanelState): void {
    const previous = this.state;
    this.state = next;
    if (!previous || previous.persona?.id !== next.persona?.id || previous.contactId !== next.contactId) {
      this.load(next);
      return;
    }

    if (previous.fit !== next.fit || previous.summary !== next.summary || previous.fitUpdatedOn?.getTime() !== next.fitUpdatedOn?.getTime() || previous.persona?.name !== next.persona?.name
      || previous.advocate.reason !== next.advocate.reason || previous.advocate.kinds !== next.advocate.kinds) {
      if (this.persona.status === "fulfilled") this.renderPersona(this.persona.value);
    }
    if (previous.deepPersonalDesire !== next.deepPersonalDesire || previous.emotionalStakes !== next.emotionalStakes) {
      if (this.persona.status === "fulfilled") this.renderLadder(this.persona.value);
    }
    if (previous.trustSignals.join() !== next.trustSignals.join()) this.renderTrust();
    if (DIMENSIONS.some((d) => previous.traits[d.id].value !== next.traits[d.id].value)
      || previous.enrichment.rank !== next.enrichment.rank || previous.enrichment.note !== next.enrichment.note) {
      if (this.traitContext) this.renderCompleteness();
    }
    if (DIMENSIONS.some((d) => previous.traits[d.id].access !== next.traits[d.id].access)) {
      if (this.traitContext) this.renderTraits();
    } else {
      for (const dimension of DIMENSIONS) {
        if (previous.traits[dimension.id].value !== next.traits[dimension.id].value) {
          const block = this.traitBlocks.get(dimension.id);
          block?.clearError();
          block?.render();
        }
      }
    }
  }

  /** Stops every pending answer from rendering (the control is being removed). */
  public dispose(): void {
    this.generation++;
    window.clearTimeout(this.announceTimer);
    this.root.remove();
  }

  private load(state: PanelState): void {
    const run = ++this.generation;
    const current = () => run === this.generation;
    this.root.setAttribute("aria-busy", "true");
    // What showed the previous persona or contact goes back to its placeholder until the new answers arrive.
    for (const s of SECTIONS) {
      const body = this.sections.get(s.name)!;
      body.classList.remove("is-loaded");
      body.replaceChildren(...s.skeletons.map((k) => el("div", { class: "skeleton skeleton--" + k })));
    }
    this.traitBlocks.clear();
    this.persona = this.drift = this.taxonomy = PENDING;
    this.traitContext = null;
    const api = this.host.webApi;
    const personaId = state.persona?.id ?? null;
    const personaCall: Promise<Row | null> = personaId ? api.retrieveRecord("cpc_persona", personaId, QUERIES.persona) : Promise.resolve(null);
    const driftCall = personaId ? api.retrieveMultipleRecords("cpc_driftfinding", QUERIES.findings(personaId)) : Promise.resolve({ entities: [] });
    const signalCall = state.contactId ? api.retrieveMultipleRecords("cpc_behavioursignal", QUERIES.signals(state.contactId)) : Promise.resolve(null);
    const taxonomyCall = api.retrieveMultipleRecords("cpc_traittaxonomy", QUERIES.taxonomy);

    this.renderTrust();
    const settle = <T>(call: Promise<T>, keep: (s: Settled<T>) => void, fulfilled: (value: T) => void, rejected: (reason: unknown) => void) =>
      call.then(
        (value) => { if (current()) { keep({ status: "fulfilled", value }); fulfilled(value); } },
        (reason) => { if (current()) { keep({ status: "rejected", reason }); rejected(reason); } });
    const sections = [
      settle(personaCall, (s) => { this.persona = s; }, (persona) => { this.renderPersona(persona); this.renderLadder(persona); },
        (error) => { this.showError("persona", "the persona", error); this.showError("ladder", "the messaging ladder", error); }),
      settle(driftCall, (s) => { this.drift = s; }, (result) => this.renderDrift(result, personaId), (error) => this.showError("drift", "drift alerts", error)),
      settle(signalCall, () => undefined, (result) => this.renderSignals(result), (error) => this.showError("signals", "recent signals", error)),
      settle(taxonomyCall, (s) => { this.taxonomy = s; }, () => undefined, () => undefined),
    ];
    void Promise.all(sections.slice(0, 2).concat(sections[3])).then(() => {
      if (!current()) return;
      this.traitContext = this.buildTraitContext();
      this.renderTraits();
    });
    void Promise.all(sections).then(() => { if (current()) this.root.setAttribute("aria-busy", "false"); });
  }

  private get current(): PanelState {
    if (!this.state) throw new Error("The panel has no state yet.");
    return this.state;
  }

  private fill(name: string, ...children: Child[]): HTMLElement {
    const body = this.sections.get(name)!;
    body.replaceChildren(...nodes(children));
    body.classList.add("is-loaded");
    return body;
  }

  private showError(name: string, what: string, error: unknown): void {
    const permission = permissionError(error, SALES_ROLE, TABLE_WORDS);
    this.fill(name, errorNote("Could not load " + what + ". ", permission ?? readableError(error) + " Reload the form to try again."));
  }

  private announce(text: string): void {
    this.announcer.textContent = "";
    window.clearTimeout(this.announceTimer);
    this.announceTimer = window.setTimeout(() => { this.announcer.textContent = text; }, 50);
  }

  private renderPersona(persona: Row | null): void {
    const { fit, fitUpdatedOn, summary } = this.current;
    const name = persona ? (persona.cpc_name as string | undefined) : this.current.persona?.name;
    const header = persona
      ? el("p", { class: "persona-name" }, el("span", { text: name || "Unnamed persona" }),
        typeof persona.cpc_version === "number" ? el("span", { class: "persona-version", text: "v" + persona.cpc_version }) : null)
      : el("p", { class: "persona-name persona-name--none", text: "No persona assigned yet" });

    let fitBlock: HTMLElement;
    if (typeof fit === "number" && Number.isFinite(fit)) {
      const value = Math.min(1, Math.max(0, fit));
      const text = value.toFixed(2);
      const band = value >= 0.7 ? "strong fit" : value >= 0.3 ? "partial fit" : "poor fit";
      const meterId = this.ids + "fit-meter";
      fitBlock = el("div", { class: "fit" },
        el("label", { class: "fit__label", for: meterId, text: "Fit" }),
        el("meter", { id: meterId, class: "fit__meter", min: "0", max: "1", low: "0.3", high: "0.7", optimum: "1", value: String(value), "aria-valuetext": text + ", " + band }),
        el("span", { class: "fit__value", "data-fit": text, text }),
        el("span", { class: "fit__band", text: band }));
    } else {
      fitBlock = empty("Fit is calculated after the form is saved.");
    }
    this.fill("persona", header, this.advocateBadge(), fitBlock,
      fitUpdatedOn ? el("p", { class: "meta", text: "Fit updated " + this.host.formatDate(fitUpdatedOn) }) : null,
      summary ? el("p", { class: "summary", text: summary }) : null);
  }

  /** The advocate badge: what kind of person of note they are and why, in the evaluation's words (no personal data). */
  private advocateBadge(): HTMLElement | null {
    const { reason, kinds } = this.current.advocate;
    if (!reason) return null;
    const kindList = (kinds ?? "").split(",").map((k) => k.trim()).filter((k) => ADVOCATE_KINDS.has(k));
    const label = kindList.length > 0 ? kindList.map((k) => ADVOCATE_KINDS.get(k)).join(" · ") : "Advocate";
    return el("p", { class: "advocate", "data-advocate": kindList.join(",") },
      el("span", { class: "advocate__badge", text: "\u2605 " + label }),
      el("span", { class: "advocate__reason", text: reason }));
  }

  private renderLadder(persona: Row | null): void {
    if (!persona) {
      this.fill("ladder", empty("Assign a persona to see which layers its messaging reaches."));
      return;
    }
    const reached = typeof persona.cpc_reachedlayer === "number" ? persona.cpc_reachedlayer - CHOICE_BASE : 0;
    const { deepPersonalDesire, emotionalStakes } = this.current;
    const rungs = LADDER.map((rung) => {
      const raw = rung.source === "persona" ? persona[rung.field] : deepPersonalDesire;
      const text = typeof raw === "string" && raw.length > 0 ? raw : null;
      const isReached = rung.layer <= reached;
      return el("li", { class: "rung" + (isReached ? " rung--reached" : "") },
        el("span", { class: "rung__layer", "aria-hidden": "true", text: String(rung.layer) }),
        el("div", { class: "rung__body" },
          el("p", { class: "rung__title" }, el("span", { class: "visually-hidden", text: "Layer " + rung.layer + ": " }), rung.title),
          el("p", { class: text ? "rung__text" : "rung__text rung__text--missing", text: text ?? "Not recorded yet" }),
          rung.layer === 4 && emotionalStakes ? el("p", { class: "rung__text" }, el("span", { class: "rung__stakes-label", text: "At stake: " }), emotionalStakes) : null,
          el("p", { class: "rung__state" },
            el("span", { "aria-hidden": "true", text: isReached ? "\u2713 " : "\u25CB " }),
            isReached ? "Persona messaging reaches this layer" : "Persona messaging does not reach this layer")));
    });
    this.fill("ladder", el("ol", { class: "ladder" }, rungs));
  }

  private renderTrust(): void {
    const selected = new Set(this.current.trustSignals);
    if (selected.size === 0) {
      this.fill("trust", empty("Not recorded yet."));
      return;
    }
    this.fill("trust", el("ul", { class: "trust" }, [...TRUST].map(([choice, label]) => el("li", { class: selected.has(choice) ? "trust__item trust__item--yes" : "trust__item" },
      el("span", { class: "trust__mark", "aria-hidden": "true", text: selected.has(choice) ? "\u2713" : "\u2013" }),
      el("span", { text: label }),
      el("span", { class: "visually-hidden", text: selected.has(choice) ? ": yes" : ": no" })))));
  }

  /**
   * The persona's open findings: alerts (drift and data quality) by severity, then the most recent, the first few with
   * one plain sentence each and the engine's explanation on demand, then how many more; opportunities apart, as
   * opportunities.
   */
  private renderDrift(result: { entities: Row[] } | null, personaId: string | null): void {
    const findings = result?.entities ?? [];
    if (!personaId) { this.fill("drift", empty("No persona assigned.")); return; }
    if (findings.length === 0) { this.fill("drift", empty("No open alerts for this persona.")); return; }
    const severityOf = (f: Row) => (typeof f.cpc_severity === "number" ? f.cpc_severity : INFO_SEVERITY);
    const when = (f: Row) => (typeof f.createdon === "string" ? Date.parse(f.createdon) || 0 : 0);
    const ordered = [...findings].sort((a, b) => severityOf(b) - severityOf(a) || when(b) - when(a));
    const opportunities = ordered.filter((f) => f.cpc_findingkind === FINDING_KINDS.opportunity);
    const alerts = ordered.filter((f) => f.cpc_findingkind !== FINDING_KINDS.opportunity);
    const atLimit = findings.length >= FINDINGS_READ;
    const count = (n: number, one: string, many: string) => n + (atLimit ? " or more " : " ") + (n === 1 && !atLimit ? one : many);
    // A narrow form (under 340 px) shows one alert fewer, so fit, the top alerts and the traits fit on about one screen.
    const width = this.root.getBoundingClientRect().width;
    const shown = alerts.slice(0, width > 0 && width < 340 ? ALERTS_SHOWN - 1 : ALERTS_SHOWN);
    const more = alerts.length - shown.length;
    const open = this.host.openPersona ? () => this.host.openPersona!(personaId) : null;
    this.fill("drift",
      el("p", { class: "alerts__count", "data-total": String(alerts.length) }, alerts.length === 0 ? "No open drift alerts." : count(alerts.length, "open alert", "open alerts") + ", the most severe first."),
      shown.length > 0 ? el("ul", { class: "alerts" }, shown.map((f) => this.alert(f, false))) : null,
      more > 0
        ? (open
          ? el("button", { type: "button", class: "alerts__more", onclick: open, text: (atLimit ? "More" : more + " more") + " in the persona's findings" })
          : el("p", { class: "alerts__more", text: (atLimit ? "More" : more + " more") + " in the persona's findings." }))
        : null,
      opportunities.length > 0
        ? el("details", { class: "opportunities" },
          el("summary", { class: "alerts__count alerts__count--opportunity", text: count(opportunities.length, "opportunity", "opportunities") + " to use" }),
          el("ul", { class: "alerts alerts--opportunities" }, opportunities.slice(0, ALERTS_SHOWN).map((f) => this.alert(f, true))))
        : null);
  }

  /** One alert or opportunity: its label, its plain sentence, and the engine's explanation on demand. */
  private alert(f: Row, opportunity: boolean): HTMLElement {
    const severity = SEVERITIES.get(f.cpc_severity as number) ?? SEVERITIES.get(INFO_SEVERITY)!;
    const metric = (f["cpc_metric" + FORMATTED] as string | undefined) ?? METRICS.get(f.cpc_metric as number) ?? "Drift";
    const headline = typeof f.cpc_headline === "string" && f.cpc_headline ? f.cpc_headline : null;
    const rationale = typeof f.cpc_rationale === "string" && f.cpc_rationale ? f.cpc_rationale : null;
    const dataQuality = f.cpc_findingkind === FINDING_KINDS.dataQuality;
    const label = opportunity ? "Opportunity" : dataQuality ? "Data quality" : severity.label;
    // The engine's explanation on demand, behind a button in the alert's head.
    const why = headline && rationale ? el("p", { class: "alert__why", id: this.ids + "why-" + ++this.whyIds, hidden: true, text: rationale }) : null;
    const details = why
      ? el("button", { type: "button", class: "alert__toggle", "aria-expanded": "false", "aria-controls": why.id }, "Details", el("span", { class: "visually-hidden", text: ": " + metric }))
      : null;
    details?.addEventListener("click", () => {
      why!.hidden = !why!.hidden;
      details.setAttribute("aria-expanded", String(!why!.hidden));
    });
    return el("li", { class: "alert alert--" + (opportunity ? "opportunity" : severity.css), "data-kind": opportunity ? "opportunity" : dataQuality ? "dataQuality" : "drift" },
      el("p", { class: "alert__head" },
        el("span", { class: "alert__icon", "aria-hidden": "true", text: opportunity ? "\u2605" : severity.icon }),
        el("span", { class: "alert__severity", text: label }),
        el("span", { class: "alert__metric", text: metric }),
        details),
      el("p", { class: "alert__text", text: headline ?? rationale ?? "" }),
      why);
  }

  /** The person's touchpoints as one thread across the functions that recorded them, newest first. */
  private renderSignals(result: { entities: Row[] } | null): void {
    if (result === null) { this.fill("signals", empty("Save the contact to record signals.")); return; }
    const signals = result.entities ?? [];
    if (signals.length === 0) { this.fill("signals", empty("No signals recorded yet.")); return; }
    const sourceOf = (s: Row) => (typeof s.cpc_source === "number" ? SOURCES.get(s.cpc_source) : undefined) ?? (s["cpc_source" + FORMATTED] as string | undefined) ?? null;
    const functions = [...new Set(signals.map(sourceOf).filter((f): f is string => f !== null))];
    const summary = functions.length === 0
      ? "No function is recorded on these signals."
      : functions.length === 1
        ? "Only " + functions[0] + " has met this person in their last " + signals.length + (signals.length === 1 ? " touchpoint" : " touchpoints") + ": bring in another function."
        : "Touched by " + functions.length + " functions: " + functions.join(", ") + ".";
    this.fill("signals",
      el("p", { class: "journey__summary", "data-functions": String(functions.length), text: summary }),
      el("ol", { class: "signals journey" }, signals.map((s) => {
        const layer = typeof s.cpc_layer === "number" ? s.cpc_layer - CHOICE_BASE : null;
        const details = [typeof s.cpc_theme === "string" ? s.cpc_theme : null, layer ? "layer " + layer : null].filter(Boolean).join(" \u00b7 ");
        const type = (s["cpc_type" + FORMATTED] as string | undefined) ?? SIGNAL_TYPES.get(s.cpc_type as number) ?? "Signal";
        const occurred = typeof s.cpc_occurredon === "string" ? new Date(s.cpc_occurredon) : null;
        const source = sourceOf(s);
        return el("li", { class: "signal" },
          el("p", { class: "signal__head" },
            el("span", { class: "signal__source" + (source ? "" : " signal__source--unknown"), text: source ?? "Unknown function" }),
            el("span", { class: "signal__type", text: type }),
            occurred && !Number.isNaN(occurred.getTime()) ? el("time", { class: "signal__date", datetime: String(s.cpc_occurredon), text: this.host.formatDate(occurred) }) : null),
          details ? el("p", { class: "signal__text", text: details }) : null);
      })));
  }

  /* ---------- Traits: chips and capture ---------- */

  private buildTraitContext(): TraitContext {
    const persona = this.persona;
    const drift = this.drift;
    return {
      taxonomy: this.taxonomy.status === "fulfilled" ? taxonomyFrom(this.taxonomy.value) : EMPTY_TAXONOMY,
      hasPersona: persona.status === "fulfilled" && persona.value !== null,
      declared: persona.status === "fulfilled" ? declaredKeys(persona.value) : null,
      emerging: new Set(drift.status === "fulfilled"
        ? (drift.value?.entities ?? []).filter((f) => f.cpc_metric === EMERGING_TRAIT && typeof f.cpc_subject === "string").map((f) => f.cpc_subject as string)
        : []),
    };
  }

  private renderTraits(): void {
    const context = this.traitContext!;
    const notes: Child[] = [];
    if (this.taxonomy.status === "rejected") {
      notes.push(errorNote("Could not load trait suggestions. ", readableError(this.taxonomy.reason) + " You can still type traits."));
    }
    if (this.persona.status === "rejected") notes.push(empty("The persona could not be loaded, so traits are not compared with it."));
    this.traitBlocks.clear();
    this.renderCompleteness();
    this.fill("traits", notes, this.completeness, DIMENSIONS.map((dimension) => this.dimensionBlock(context, dimension)));
  }

  /**
   * Which dimensions still have nothing recorded (an empty field means "not recorded", never "none"), the ones the
   * persona declares first; and, when the contact is on its persona's enrichment worklist, why capturing them matters.
   */
  private renderCompleteness(): void {
    const { traits, enrichment } = this.current;
    const declared = this.traitContext?.declared ?? null;
    const isDeclared = (d: Dimension) => (declared?.get(d.id)?.size ?? 0) > 0;
    const missing = DIMENSIONS.filter((d) => !(traits[d.id].value ?? "").trim()).sort((a, b) => Number(isDeclared(b)) - Number(isDeclared(a)));
    const recorded = DIMENSIONS.length - missing.length;
    const summary = missing.length === 0
      ? el("p", { class: "completeness__summary completeness__summary--complete", text: "Profile complete: all " + DIMENSIONS.length + " dimensions recorded." })
      : el("p", { class: "completeness__summary" },
        el("strong", { text: recorded + " of " + DIMENSIONS.length + " dimensions recorded." }),
        " Still empty: " + missing.map((d) => d.title + (declared && isDeclared(d) ? " (the persona declares it)" : "")).join(", ") + ".");
    const worklist = typeof enrichment.rank === "number" && missing.length > 0
      ? el("p", { class: "completeness__worklist", role: "note" },
        el("span", { class: "completeness__badge", text: "Worth enriching · #" + enrichment.rank }),
        " " + (enrichment.note || "This contact is on the persona's enrichment worklist: recording what is missing strengthens the persona's evidence."))
      : null;
    this.completeness.replaceChildren(...nodes([summary, worklist]));
  }

  private dimensionBlock(context: TraitContext, dimension: Dimension): HTMLElement {
    const id = dimension.id;
    const ids = this.ids + id;
    const column = () => this.current.traits[id];
    const access = column().access;
    const canWrite = access === "edit";
    const count = el("span", { class: "dimension__count" });
    const chips = el("ul", { class: "chips", "aria-labelledby": ids + "-title" });
    const input = el("input", {
      id: ids + "-input", class: "capture__input", type: "text", list: ids + "-suggest", autocomplete: "off", "data-dimension-input": id,
      placeholder: dimension.placeholder, "aria-describedby": ids + "-error " + ids + "-help", disabled: !canWrite,
    });
    const error = el("p", { id: ids + "-error", class: "capture__error", role: "alert" });
    const datalist = el("datalist", { id: ids + "-suggest" },
      context.taxonomy.entries.filter((e) => e.dimension === id).map((e) => el("option", { value: e.label })));

    const setError = (message: string) => {
      error.textContent = message;
      if (message && form.hidden) {
        this.openCaptures.add(id);
        form.hidden = false;
      }
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    };

    const write = (value: string | null) => {
      this.state = { ...this.current, traits: { ...this.current.traits, [id]: { ...column(), value } } };
      this.renderCompleteness();
      this.host.writeTrait(dimension, value);
    };

    const remove = (trait: { key: string; label: string }) => {
      const parsed = parseColumn(context.taxonomy, id, column().value);
      const index = parsed.traits.findIndex((t) => t.key === trait.key);
      const kept = parsed.items.filter((raw) => parsed.keyOf(raw) !== trait.key);
      write(kept.length > 0 ? kept.join("; ") : null);
      setError("");
      render(Math.max(0, index));
      this.announce("Removed " + trait.label + " from " + dimension.plural + ". Save the form to keep the change.");
    };

    const add = () => {
      const text = input.value;
      const problem = validate(context, dimension, column().value, text);
      if (problem) {
        setError(problem);
        input.focus();
        return;
      }
      const parsed = parseColumn(context.taxonomy, id, column().value);
      const trimmed = trimDotNet(text);
      write([...parsed.items, trimmed].join("; "));
      input.value = "";
      setError("");
      render();
      const added = normalize(context.taxonomy, id, trimmed);
      this.announce("Added " + (added.error === undefined ? added.label : trimmed) + " to " + dimension.plural + ". Save the form to keep the change.");
    };

    const render = (focusAfter?: number) => {
      const parsed = parseColumn(context.taxonomy, id, column().value);
      count.textContent = parsed.traits.length + " of " + LIMITS.maxPerDimension;
      chips.replaceChildren(...(parsed.traits.length === 0
        ? [el("li", { class: "chips__empty", text: "None recorded yet." })]
        : parsed.traits.map((trait) => {
          const state = chipState(context, dimension, trait.key);
          return el("li", { class: "chip" + (state ? " chip--" + state.css : ""), "data-key": trait.key },
            state ? el("span", { class: "chip__icon", "aria-hidden": "true", text: state.icon }) : null,
            el("span", { class: "chip__label", text: trait.label }),
            state ? el("span", { class: "chip__state" }, el("span", { class: "visually-hidden", text: ", " }), state.text) : null,
            canWrite ? el("button", { type: "button", class: "chip__remove", "aria-label": "Remove " + trait.label, title: "Remove " + trait.label, onclick: () => remove(trait) },
              el("span", { "aria-hidden": "true", text: "\u00d7" })) : null);
        })));
      if (focusAfter !== undefined) {
        const buttons = chips.querySelectorAll<HTMLButtonElement>(".chip__remove");
        (buttons[Math.min(focusAfter, buttons.length - 1)] ?? input).focus();
      }
    };

    const form = el("form", { class: "capture", novalidate: true, onsubmit: (event: Event) => { event.preventDefault(); if (canWrite) add(); } },
      el("label", { class: "capture__label", for: ids + "-input", text: "Add " + dimension.noun }),
      el("div", { class: "capture__row" }, input, el("button", { type: "submit", class: "capture__add", disabled: !canWrite, text: "Add" })),
      error,
      el("p", { id: ids + "-help", class: "capture__help", text: helpText(dimension, access) }),
      datalist);
    input.addEventListener("input", () => { if (error.textContent) setError(""); });
    this.traitBlocks.set(id, { render, clearError: () => setError("") });

    // The capture form folds away (the panel stays short on a narrow form) behind a button in the dimension's head; it
    // stays open once the user opened it, and opens by itself to show an error.
    const isOpen = () => this.openCaptures.has(id);
    // Its name comes from its text ("+ Add" and, for screen readers, the dimension), so the input keeps the label "Add fear".
    const toggle = el("button", { type: "button", class: "capture__toggle", "aria-controls": ids + "-capture", "aria-expanded": String(isOpen()) },
      canWrite ? "+ Add" : "About adding", el("span", { class: "visually-hidden", text: " " + dimension.plural }));
    form.id = ids + "-capture";
    form.hidden = !isOpen();
    toggle.addEventListener("click", () => {
      if (isOpen()) this.openCaptures.delete(id);
      else this.openCaptures.add(id);
      form.hidden = !isOpen();
      toggle.setAttribute("aria-expanded", String(isOpen()));
      if (isOpen() && canWrite) input.focus();
    });
    const block = el("div", { class: "dimension", "data-dimension": id },
      el("div", { class: "dimension__head" }, el("h4", { class: "dimension__title", id: ids + "-title", text: dimension.title }), count, toggle),
      chips,
      form);
    render();
    return block;
  }
}

function empty(text: string): HTMLElement {
  return el("p", { class: "empty", text });
}

function errorNote(headline: string, detail: string): HTMLElement {
  return el("div", { class: "section-error", role: "alert" },
    el("span", { class: "section-error__icon", "aria-hidden": "true", text: "!" }),
    el("p", {}, el("strong", { text: headline }), detail));
}

function helpText(dimension: Dimension, access: TraitAccess): string {
  switch (access) {
    case "edit": return "Up to " + LIMITS.maxLength + " characters; press Enter to add. Changes go to the form; saving it updates the persona fit.";
    case "readOnly": return "You cannot change this column.";
    case "formReadOnly": return "The form is read-only.";
    case "unbound": return "Bind the panel's " + dimension.title + " property to " + dimension.column + " (form editor, component properties) to capture " + dimension.plural + " here.";
  }
}

function taxonomyFrom(result: { entities: Row[] } | null): Taxonomy {
  const entries: TaxonomyEntry[] = [];
  for (const row of result?.entities ?? []) {
    const dimension = DIMENSIONS.find((d) => d.choice === row.cpc_dimension);
    if (!dimension || typeof row.cpc_key !== "string" || !row.cpc_key || typeof row.cpc_label !== "string" || !row.cpc_label) continue;
    const synonyms = String(row.cpc_synonyms ?? "").split(";").map((s) => s.trim()).filter((s) => s.length > 0);
    entries.push({ dimension: dimension.id, key: row.cpc_key, label: row.cpc_label, synonyms });
  }
  return createTaxonomy(entries);
}

function declaredKeys(persona: Row | null): Map<DimensionId, Set<string>> {
  const declared = new Map<DimensionId, Set<string>>(DIMENSIONS.map((d) => [d.id, new Set<string>()]));
  let traits: unknown = [];
  try {
    traits = persona && typeof persona.cpc_declaredtraits === "string" && persona.cpc_declaredtraits ? JSON.parse(persona.cpc_declaredtraits) : [];
  } catch {
    traits = [];
  }
  for (const t of Array.isArray(traits) ? traits : []) {
    const trait = t as { dimension?: unknown; trait?: unknown } | null;
    if (trait && typeof trait.trait === "string" && declared.has(trait.dimension as DimensionId)) declared.get(trait.dimension as DimensionId)!.add(trait.trait);
  }
  return declared;
}

function chipState(context: TraitContext, dimension: Dimension, key: string): { css: string; icon: string; text: string } | null {
  if (!context.hasPersona) return null;
  if (context.declared?.get(dimension.id)?.has(key)) return { css: "match", icon: "\u2713", text: "matches persona" };
  if (context.emerging.has(key)) return { css: "emerging", icon: "\u2197", text: "emerging across this persona" };
  return context.declared ? { css: "outside", icon: "\u25CB", text: "not in persona" } : null;
}

function validate(context: TraitContext, dimension: Dimension, columnValue: string | null, text: string): string | null {
  if (LIST_SEPARATORS.test(text)) return "Add one " + dimension.noun + " at a time: ';', '|' and line breaks separate traits.";
  const trait = normalize(context.taxonomy, dimension.id, text);
  switch (trait.error) {
    case "empty": return "Type a " + dimension.noun + " before adding.";
    case "tooLong": return "Too long: a " + dimension.noun + " may have at most " + LIMITS.maxLength + " characters; this one has " + trait.length + ".";
    case "malformed": return "This " + dimension.noun + " contains a broken character; type it again.";
    case "noLetters": return "A " + dimension.noun + " needs at least one letter or digit.";
    case undefined: break;
  }
  const parsed = parseColumn(context.taxonomy, dimension.id, columnValue);
  const existing = parsed.traits.find((t) => t.key === trait.key);
  if (existing) return "Already recorded: this " + dimension.noun + " is the same as \u201c" + existing.label + "\u201d.";
  if (parsed.traits.length >= LIMITS.maxPerDimension) return "At most " + LIMITS.maxPerDimension + " " + dimension.plural + " per person: remove one before adding another.";
  return null;
}
