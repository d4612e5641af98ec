/*
 * CrmPersonCentric enrichment panel (web resource cpc_/enrichmentpanel/panel.js).
 * The contact form's OnLoad hands Xrm and the formContext over through window.setClientApiContext;
 * every value is rendered with textContent (never as markup), and nothing about the person is logged.
 */
(function () {
  "use strict";

  const PANEL_CONTROL_FALLBACK_MS = 1500;
  const LIMITS = { maxLength: 100, maxPerDimension: 20 };
  const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  const DIMENSIONS = [
    { id: "aspiration", column: "cpc_aspirations", choice: 742300001, title: "Aspirations", noun: "aspiration", plural: "aspirations", placeholder: "e.g. Hit the number" },
    { id: "coreFear", column: "cpc_corefears", choice: 742300002, title: "Core fears", noun: "fear", plural: "fears", placeholder: "e.g. Burnout" },
    { id: "peerGroup", column: "cpc_peergroups", choice: 742300003, title: "Peer groups", noun: "peer group", plural: "peer groups", placeholder: "e.g. Sales directors" },
    { id: "community", column: "cpc_communities", choice: 742300004, title: "Communities", noun: "community", plural: "communities", placeholder: "e.g. Local meetups" },
  ];

  const LADDER = [
    { layer: 1, title: "Corporate vision", source: "persona", field: "cpc_corporatevision" },
    { layer: 2, title: "Department mission", source: "persona", field: "cpc_departmentmission" },
    { layer: 3, title: "Job-role KRA", source: "persona", field: "cpc_jobrolekra" },
    { layer: 4, title: "Deep personal desire", source: "contact", field: "cpc_deeppersonaldesire" },
  ];

  const TRUST = new Map([[742300001, "Peer referral"], [742300002, "Community"], [742300003, "Content"], [742300004, "Sales-led"]]);
  const SIGNAL_TYPES = new Map([[742300001, "Community contribution"], [742300002, "Referral"], [742300003, "Advocacy"], [742300004, "Event attendance"], [742300005, "Content co-creation"], [742300006, "Messaging response"]]);
  const METRICS = new Map([[742300001, "Mis-weighted trait"], [742300002, "Stale trait"], [742300003, "Emerging trait"], [742300004, "Distribution distance"], [742300005, "Population shift"], [742300006, "Behaviour share"], [742300007, "Behaviour rate"], [742300008, "ICP leakage"], [742300009, "Poor fit share"], [742300010, "Persona split"], [742300011, "Messaging depth"]]);
  const SEVERITIES = new Map([[742300001, { label: "Info", icon: "i", css: "info" }], [742300002, { label: "Warning", icon: "!", css: "warning" }], [742300003, { label: "Critical", icon: "!!", css: "critical" }]]);
  const EMERGING_TRAIT = 742300003;
  const OPEN_FINDING = 742300001;
  const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

  /* ---------- Trait normalisation: mirrors TraitText / TraitNormalizer / TraitTaxonomy (C#) ---------- */

  const LEADS = {
    coreFear: ["fear of", "fear that", "fears of", "afraid of", "afraid that", "worried about", "worry about", "worries about", "scared of", "anxious about", "concerned about", "fear"],
    aspiration: ["wants to", "want to", "aspires to", "aspire to", "aspiration to", "hopes to", "hope to", "dreams of", "wishes to", "to"],
    community: ["member of", "member in", "part of", "active in", "belongs to", "attends"],
    peerGroup: ["peers at", "peers in", "peer group of", "other", "fellow"],
  };
  const APOSTROPHES = new Set(["'", "\u2019", "\u2018", "`"]);
  const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u; // char.IsLetterOrDigit: letters and decimal digits, per UTF-16 unit
  const DOTNET_SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const TRIM = new RegExp("^[" + DOTNET_SPACE + "]+|[" + DOTNET_SPACE + "]+$", "g"); // string.Trim(), which keeps U+FEFF
  const LIST_SEPARATORS = /[;\n\r|]/;

  function trimDotNet(text) { return String(text ?? "").replace(TRIM, ""); }

  // char.ToLowerInvariant / char.ToUpper(c, InvariantCulture): one-to-one mappings only, and .NET's invariant
  // casing leaves the Turkish dotted and dotless i alone.
  const CASE_KEPT = new Set(["\u0130", "\u0131"]);
  function lowerInvariant(c) { const m = c.toLowerCase(); return CASE_KEPT.has(c) || m.length !== 1 ? c : m; }
  function upperInvariant(c) { const m = c.toUpperCase(); return CASE_KEPT.has(c) || m.length !== 1 ? c : m; }

  function canonicalize(text) {
    const folded = String(text).normalize("NFKC");
    let out = "";
    let pendingSpace = false;
    for (let i = 0; i < folded.length; i++) {
      const c = folded[i];
      if (APOSTROPHES.has(c)) continue;
      if (LETTER_OR_DIGIT.test(c)) {
        if (pendingSpace && out.length > 0) out += " ";
        pendingSpace = false;
        out += lowerInvariant(c);
      } else {
        pendingSpace = true;
      }
    }
    return out;
  }

  function stripDimensionLead(dimension, canonical) {
    for (const lead of LEADS[dimension] || []) {
      if (canonical.length > lead.length + 1 && canonical.startsWith(lead) && canonical[lead.length] === " ") {
        return canonical.slice(lead.length + 1);
      }
    }
    return canonical;
  }

  function toKey(canonical) { return canonical.replaceAll(" ", "-"); }

  function toLabel(canonical) { return canonical.length === 0 ? canonical : upperInvariant(canonical[0]) + canonical.slice(1); }

  /** entries: [{ dimension, key, label, synonyms: [] }] in the order the taxonomy lists them (first phrasing wins). */
  function createTaxonomy(entries) {
    const byPhrase = new Map();
    for (const entry of entries) {
      const phrases = [entry.key.replaceAll("-", " "), entry.label, ...(entry.synonyms || [])];
      for (const phrase of phrases) {
        const canonical = canonicalize(phrase);
        for (const form of [stripDimensionLead(entry.dimension, canonical), canonical]) {
          const id = entry.dimension + "|" + form;
          if (!byPhrase.has(id)) byPhrase.set(id, entry);
        }
      }
    }
    return {
      entries,
      findByPhrase: (dimension, canonical) => byPhrase.get(dimension + "|" + canonical) || null,
    };
  }

  const EMPTY_TAXONOMY = createTaxonomy([]);

  /** Returns { key, label, candidate } or { error: "empty" | "tooLong" | "malformed" | "noLetters", length }. */
  function normalize(taxonomy, dimension, text) {
    const trimmed = trimDotNet(text);
    if (trimmed.length === 0) return { error: "empty", length: 0 };
    if (trimmed.length > LIMITS.maxLength) return { error: "tooLong", length: trimmed.length };
    if (typeof trimmed.isWellFormed === "function" && !trimmed.isWellFormed()) return { error: "malformed", length: trimmed.length }; // String.Normalize would throw
    const canonical = canonicalize(trimmed);
    if (canonical.length === 0) return { error: "noLetters", length: trimmed.length };
    const stripped = stripDimensionLead(dimension, canonical);
    const entry = taxonomy.findByPhrase(dimension, canonical) || taxonomy.findByPhrase(dimension, stripped);
    return entry
      ? { key: entry.key, label: entry.label, candidate: false }
      : { key: toKey(stripped), label: toLabel(stripped), candidate: true };
  }

  /** Splits a column value like TraitNormalizer.NormalizeList; keeps every typed item so a rewrite loses nothing. */
  function parseColumn(taxonomy, dimension, value) {
    const items = String(value ?? "").split(LIST_SEPARATORS).map(trimDotNet).filter((s) => s.length > 0);
    const traits = [];
    const byKey = new Map();
    for (const raw of items) {
      const trait = normalize(taxonomy, dimension, raw);
      if (trait.error) continue;
      if (!byKey.has(trait.key)) {
        const entry = { key: trait.key, label: trait.label };
        byKey.set(trait.key, entry);
        traits.push(entry);
      }
    }
    return { items, traits, keyOf: (raw) => normalize(taxonomy, dimension, raw).key };
  }

  /* ---------- Small DOM helpers ---------- */

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  function section(name) { return document.querySelector('[data-section="' + name + '"]'); }

  function fill(name, ...children) {
    const body = section(name);
    body.replaceChildren(...children.flat());
    body.classList.add("is-loaded");
    return body;
  }

  function readableError(error) {
    const message = error && typeof error.message === "string" ? error.message.split(/\r?\n/)[0].trim() : "";
    const code = error && typeof error.errorCode === "number" ? " (0x" + (error.errorCode >>> 0).toString(16) + ")" : "";
    return message && message.length <= 160 ? message + code : "The service did not answer" + code + ".";
  }

  function showError(name, what, error) {
    fill(name, el("div", { class: "section-error", role: "alert" },
      el("span", { class: "section-error__icon", "aria-hidden": "true", text: "!" }),
      el("p", {}, el("strong", { text: "Could not load " + what + ". " }), readableError(error) + " Reload the form to try again.")));
  }

  function empty(text) { return el("p", { class: "empty", text }); }

  function announce(text) {
    const region = document.getElementById("announcer");
    region.textContent = "";
    window.setTimeout(() => { region.textContent = text; }, 50);
  }

  function formatDate(value) {
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? "" : date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
  }

  function cleanId(id) {
    const value = String(id ?? "").replace(/[{}]/g, "").toLowerCase();
    return GUID.test(value) ? value : null;
  }

  function attributeValue(form, name) {
    const attribute = form.getAttribute(name);
    return attribute ? attribute.getValue() : null;
  }

  /* ---------- Rendering ---------- */

  let generation = 0;
  const traitRenderers = new Map();
  const wiredForms = new WeakSet();

  /** Edits made in the form's own fields show up here too; handlers are added once per form. */
  function wire(xrm, form) {
    if (wiredForms.has(form)) return;
    wiredForms.add(form);
    const persona = form.getAttribute("cpc_personaid");
    if (persona && typeof persona.addOnChange === "function") persona.addOnChange(() => start(xrm, form));
    for (const dimension of DIMENSIONS) {
      const attribute = form.getAttribute(dimension.column);
      if (attribute && typeof attribute.addOnChange === "function") {
        attribute.addOnChange(() => { const rerender = traitRenderers.get(dimension.id); if (rerender) rerender(); });
      }
    }
  }

  function start(xrm, form) {
    const run = ++generation;
    const current = () => run === generation;
    const main = document.getElementById("cpc-panel");
    main.setAttribute("aria-busy", "true");
    document.getElementById("panel-status").textContent = "";

    const contactId = cleanId(form.data && form.data.entity ? form.data.entity.getId() : null);
    const personaRef = attributeValue(form, "cpc_personaid");
    const personaId = Array.isArray(personaRef) && personaRef.length > 0 ? cleanId(personaRef[0].id) : null;
    const api = xrm.WebApi;
    wire(xrm, form);

    const personaCall = personaId
      ? api.retrieveRecord("cpc_persona", personaId, "?$select=cpc_name,cpc_version,cpc_corporatevision,cpc_departmentmission,cpc_jobrolekra,cpc_deeppersonaldesire,cpc_reachedlayer,cpc_declaredtraits")
      : Promise.resolve(null);
    const driftCall = personaId
      ? api.retrieveMultipleRecords("cpc_driftfinding", "?$select=cpc_key,cpc_metric,cpc_subject,cpc_severity,cpc_rationale&$filter=_cpc_personaid_value eq " + personaId + " and cpc_findingstatus eq " + OPEN_FINDING + "&$top=10")
      : Promise.resolve({ entities: [] });
    const signalCall = contactId
      ? api.retrieveMultipleRecords("cpc_behavioursignal", "?$select=cpc_type,cpc_occurredon,cpc_theme,cpc_layer&$filter=_cpc_contactid_value eq " + contactId + "&$orderby=cpc_occurredon desc&$top=5")
      : Promise.resolve(null);
    const taxonomyCall = api.retrieveMultipleRecords("cpc_traittaxonomy", "?$select=cpc_dimension,cpc_key,cpc_label,cpc_synonyms");

    renderTrust(form);
    const settled = [
      personaCall.then((persona) => { if (current()) { renderPersona(form, persona, personaRef); renderLadder(form, persona); } },
        (error) => { if (current()) { showError("persona", "the persona", error); showError("ladder", "the messaging ladder", error); } }),
      driftCall.then((result) => { if (current()) renderDrift(result, personaId); }, (error) => { if (current()) showError("drift", "drift alerts", error); }),
      signalCall.then((result) => { if (current()) renderSignals(result); }, (error) => { if (current()) showError("signals", "recent signals", error); }),
    ];
    const traitInputs = Promise.allSettled([personaCall, driftCall, taxonomyCall]).then(([persona, drift, taxonomy]) => {
      if (current()) renderTraits(form, persona, drift, taxonomy);
    });
    Promise.allSettled([...settled, traitInputs]).then(() => {
      if (current()) main.setAttribute("aria-busy", "false");
    });
  }

  function renderPersona(form, persona, personaRef) {
    const fit = attributeValue(form, "cpc_personafit");
    const updated = attributeValue(form, "cpc_fitupdatedon");
    const summary = attributeValue(form, "cpc_insightsummary");
    const name = persona ? persona.cpc_name : (Array.isArray(personaRef) && personaRef[0] ? personaRef[0].name : null);
    const header = persona
      ? el("p", { class: "persona-name" }, el("span", { text: name || "Unnamed persona" }), persona.cpc_version != null ? el("span", { class: "persona-version", text: "v" + persona.cpc_version }) : null)
      : el("p", { class: "persona-name persona-name--none", text: "No persona assigned yet" });

    let fitBlock;
    if (typeof fit === "number" && Number.isFinite(fit)) {
      const value = Math.min(1, Math.max(0, fit));
      const text = value.toFixed(2);
      const band = value >= 0.7 ? "strong fit" : value >= 0.3 ? "partial fit" : "poor fit";
      fitBlock = el("div", { class: "fit" },
        el("label", { class: "fit__label", for: "fit-meter", text: "Fit" }),
        el("meter", { id: "fit-meter", class: "fit__meter", min: "0", max: "1", low: "0.3", high: "0.7", optimum: "1", value: String(value), "aria-valuetext": text + ", " + band }),
        el("span", { class: "fit__value", "data-fit": text, text }),
        el("span", { class: "fit__band", text: band }));
    } else {
      fitBlock = el("p", { class: "empty", text: "Fit is calculated after the form is saved." });
    }
    fill("persona", header, fitBlock,
      updated ? el("p", { class: "meta", text: "Fit updated " + formatDate(updated) }) : null,
      summary ? el("p", { class: "summary", text: summary }) : null);
  }

  function renderLadder(form, persona) {
    if (!persona) {
      fill("ladder", empty("Assign a persona to see which layers its messaging reaches."));
      return;
    }
    const reached = typeof persona.cpc_reachedlayer === "number" ? persona.cpc_reachedlayer - 742300000 : 0;
    const stakes = attributeValue(form, "cpc_emotionalstakes");
    const rungs = LADDER.map((rung) => {
      const text = rung.source === "persona" ? persona[rung.field] : attributeValue(form, rung.field);
      const isReached = rung.layer <= reached;
      return el("li", { class: "rung" + (isReached ? " rung--reached" : "") },
        el("span", { class: "rung__layer", "aria-hidden": "true", text: String(rung.layer) }),
        el("div", { class: "rung__body" },
          el("p", { class: "rung__title" }, el("span", { class: "visually-hidden", text: "Layer " + rung.layer + ": " }), rung.title),
          el("p", { class: text ? "rung__text" : "rung__text rung__text--missing", text: text || "Not recorded yet" }),
          rung.layer === 4 && stakes ? el("p", { class: "rung__text" }, el("span", { class: "rung__stakes-label", text: "At stake: " }), stakes) : null,
          el("p", { class: "rung__state" },
            el("span", { "aria-hidden": "true", text: isReached ? "\u2713 " : "\u25CB " }),
            isReached ? "Persona messaging reaches this layer" : "Persona messaging does not reach this layer")));
    });
    fill("ladder", el("ol", { class: "ladder" }, rungs));
  }

  function renderTrust(form) {
    const value = attributeValue(form, "cpc_trustsignals");
    const selected = new Set(Array.isArray(value) ? value.map(Number) : []);
    if (selected.size === 0) {
      fill("trust", empty("Not recorded yet."));
      return;
    }
    fill("trust", el("ul", { class: "trust" }, [...TRUST].map(([choice, label]) => el("li", { class: selected.has(choice) ? "trust__item trust__item--yes" : "trust__item" },
      el("span", { class: "trust__mark", "aria-hidden": "true", text: selected.has(choice) ? "\u2713" : "\u2013" }),
      el("span", { text: label }),
      el("span", { class: "visually-hidden", text: selected.has(choice) ? ": yes" : ": no" })))));
  }

  function renderDrift(result, personaId) {
    const findings = (result && result.entities) || [];
    if (!personaId) { fill("drift", empty("No persona assigned.")); return; }
    if (findings.length === 0) { fill("drift", empty("No open drift alerts for this persona.")); return; }
    fill("drift", el("ul", { class: "alerts" }, findings.map((f) => {
      const severity = SEVERITIES.get(f.cpc_severity) || SEVERITIES.get(742300001);
      return el("li", { class: "alert alert--" + severity.css },
        el("p", { class: "alert__head" },
          el("span", { class: "alert__icon", "aria-hidden": "true", text: severity.icon }),
          el("span", { class: "alert__severity", text: severity.label }),
          el("span", { class: "alert__metric", text: f["cpc_metric" + FORMATTED] || METRICS.get(f.cpc_metric) || "Drift" })),
        f.cpc_rationale ? el("p", { class: "alert__text", text: f.cpc_rationale }) : null);
    })));
  }

  function renderSignals(result) {
    if (result === null) { fill("signals", empty("Save the contact to record signals.")); return; }
    const signals = result.entities || [];
    if (signals.length === 0) { fill("signals", empty("No signals recorded yet.")); return; }
    fill("signals", el("ul", { class: "signals" }, signals.map((s) => {
      const layer = typeof s.cpc_layer === "number" ? s.cpc_layer - 742300000 : null;
      const details = [s.cpc_theme, layer ? "layer " + layer : null].filter(Boolean).join(" \u00b7 ");
      return el("li", { class: "signal" },
        el("p", { class: "signal__head" },
          el("span", { class: "signal__type", text: s["cpc_type" + FORMATTED] || SIGNAL_TYPES.get(s.cpc_type) || "Signal" }),
          s.cpc_occurredon ? el("time", { class: "signal__date", datetime: String(s.cpc_occurredon), text: formatDate(s.cpc_occurredon) }) : null),
        details ? el("p", { class: "signal__text", text: details }) : null);
    })));
  }

  /* ---------- Traits: chips and capture ---------- */

  function taxonomyFrom(result) {
    const rows = (result && result.entities) || [];
    const entries = [];
    for (const row of rows) {
      const dimension = DIMENSIONS.find((d) => d.choice === row.cpc_dimension);
      if (!dimension || !row.cpc_key || !row.cpc_label) continue;
      const synonyms = String(row.cpc_synonyms ?? "").split(";").map((s) => s.trim()).filter((s) => s.length > 0);
      entries.push({ dimension: dimension.id, key: row.cpc_key, label: row.cpc_label, synonyms });
    }
    return createTaxonomy(entries);
  }

  function declaredKeys(persona) {
    const declared = new Map(DIMENSIONS.map((d) => [d.id, new Set()]));
    let traits = [];
    try { traits = persona && persona.cpc_declaredtraits ? JSON.parse(persona.cpc_declaredtraits) : []; } catch { traits = []; }
    for (const t of Array.isArray(traits) ? traits : []) {
      if (t && declared.has(t.dimension) && typeof t.trait === "string") declared.get(t.dimension).add(t.trait);
    }
    return declared;
  }

  function renderTraits(form, personaResult, driftResult, taxonomyResult) {
    const context = {
      form,
      taxonomy: taxonomyResult.status === "fulfilled" ? taxonomyFrom(taxonomyResult.value) : EMPTY_TAXONOMY,
      hasPersona: personaResult.status === "fulfilled" && personaResult.value !== null,
      declared: personaResult.status === "fulfilled" ? declaredKeys(personaResult.value) : null,
      emerging: new Set(driftResult.status === "fulfilled"
        ? ((driftResult.value && driftResult.value.entities) || []).filter((f) => f.cpc_metric === EMERGING_TRAIT && f.cpc_subject).map((f) => f.cpc_subject)
        : []),
    };
    const notes = [];
    if (taxonomyResult.status === "rejected") {
      notes.push(el("div", { class: "section-error", role: "alert" },
        el("span", { class: "section-error__icon", "aria-hidden": "true", text: "!" }),
        el("p", {}, el("strong", { text: "Could not load trait suggestions. " }), readableError(taxonomyResult.reason) + " You can still type traits.")));
    }
    if (personaResult.status === "rejected") notes.push(empty("The persona could not be loaded, so traits are not compared with it."));
    fill("traits", notes, DIMENSIONS.map((dimension) => dimensionBlock(context, dimension)));
  }

  function chipState(context, dimension, key) {
    if (!context.hasPersona) return null;
    if (context.declared && context.declared.get(dimension.id).has(key)) return { css: "match", icon: "\u2713", text: "matches persona" };
    if (context.emerging.has(key)) return { css: "emerging", icon: "\u2197", text: "emerging across this persona" };
    return context.declared ? { css: "outside", icon: "\u25CB", text: "not in persona" } : null;
  }

  function dimensionBlock(context, dimension) {
    const id = dimension.id;
    const attribute = context.form.getAttribute(dimension.column);
    const privilege = attribute && typeof attribute.getUserPrivilege === "function" ? attribute.getUserPrivilege() : null;
    const canWrite = Boolean(attribute) && !(privilege && privilege.canUpdate === false);
    const block = el("div", { class: "dimension", "data-dimension": id });
    const heading = el("h3", { class: "dimension__title", id: "title-" + id, text: dimension.title });
    const count = el("span", { class: "dimension__count" });
    const chips = el("ul", { class: "chips", "aria-labelledby": "title-" + id });
    const input = el("input", {
      id: "input-" + id, class: "capture__input", type: "text", list: "suggest-" + id, autocomplete: "off",
      placeholder: dimension.placeholder, "aria-describedby": "error-" + id + " help-" + id, disabled: !canWrite,
    });
    const error = el("p", { id: "error-" + id, class: "capture__error", role: "alert" });
    const datalist = el("datalist", { id: "suggest-" + id },
      context.taxonomy.entries.filter((e) => e.dimension === id).map((e) => el("option", { value: e.label })));

    const render = (focusAfter) => {
      const parsed = parseColumn(context.taxonomy, id, attribute ? attribute.getValue() : null);
      count.textContent = parsed.traits.length + " of " + LIMITS.maxPerDimension;
      chips.replaceChildren(...(parsed.traits.length === 0 ? [el("li", { class: "chips__empty", text: "None recorded yet." })] : parsed.traits.map((trait, index) => {
        const state = chipState(context, dimension, trait.key);
        return el("li", { class: "chip" + (state ? " chip--" + state.css : ""), "data-key": trait.key },
          state ? el("span", { class: "chip__icon", "aria-hidden": "true", text: state.icon }) : null,
          el("span", { class: "chip__label", text: trait.label }),
          state ? el("span", { class: "chip__state" }, el("span", { class: "visually-hidden", text: ", " }), state.text) : null,
          canWrite ? el("button", { type: "button", class: "chip__remove", "aria-label": "Remove " + trait.label, title: "Remove " + trait.label, "data-index": String(index),
            onclick: () => remove(trait) }, el("span", { "aria-hidden": "true", text: "\u00d7" })) : null);
      })));
      if (focusAfter !== undefined) {
        const buttons = chips.querySelectorAll(".chip__remove");
        (buttons[Math.min(focusAfter, buttons.length - 1)] || input).focus();
      }
      return parsed;
    };

    const setError = (message) => {
      error.textContent = message;
      if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    };

    const remove = (trait) => {
      const parsed = parseColumn(context.taxonomy, id, attribute.getValue());
      const index = parsed.traits.findIndex((t) => t.key === trait.key);
      const kept = parsed.items.filter((raw) => parsed.keyOf(raw) !== trait.key);
      attribute.setValue(kept.length > 0 ? kept.join("; ") : null);
      setError("");
      render(Math.max(0, index));
      announce("Removed " + trait.label + " from " + dimension.plural + ". Save the form to keep the change.");
    };

    const add = () => {
      const text = input.value;
      const problem = validate(context, dimension, attribute.getValue(), text);
      if (problem) {
        setError(problem);
        input.focus();
        return;
      }
      const parsed = parseColumn(context.taxonomy, id, attribute.getValue());
      const trimmed = trimDotNet(text);
      attribute.setValue([...parsed.items, trimmed].join("; "));
      input.value = "";
      setError("");
      render();
      announce("Added " + normalize(context.taxonomy, id, trimmed).label + " to " + dimension.plural + ". Save the form to keep the change.");
    };

    const form = el("form", { class: "capture", novalidate: true, onsubmit: (event) => { event.preventDefault(); if (canWrite) add(); } },
      el("label", { class: "capture__label", for: "input-" + id, text: "Add " + dimension.noun }),
      el("div", { class: "capture__row" }, input, el("button", { type: "submit", class: "capture__add", disabled: !canWrite, text: "Add" })),
      error,
      el("p", { id: "help-" + id, class: "capture__help", text: canWrite
        ? "Up to " + LIMITS.maxLength + " characters; press Enter to add."
        : attribute ? "You cannot change this column." : "Add the " + dimension.column + " column to the form (it may be hidden) to capture " + dimension.plural + " here." }),
      datalist);
    input.addEventListener("input", () => { if (error.textContent) setError(""); });
    traitRenderers.set(id, () => { setError(""); render(); });

    block.append(el("div", { class: "dimension__head" }, heading, count), chips, form);
    render();
    return block;
  }

  function validate(context, dimension, columnValue, text) {
    if (LIST_SEPARATORS.test(text)) return "Add one " + dimension.noun + " at a time: ';', '|' and line breaks separate traits.";
    const trait = normalize(context.taxonomy, dimension.id, text);
    if (trait.error === "empty") return "Type a " + dimension.noun + " before adding.";
    if (trait.error === "tooLong") return "Too long: a " + dimension.noun + " may have at most " + LIMITS.maxLength + " characters; this one has " + trait.length + ".";
    if (trait.error === "malformed") return "This " + dimension.noun + " contains a broken character; type it again.";
    if (trait.error === "noLetters") return "A " + dimension.noun + " needs at least one letter or digit.";
    const parsed = parseColumn(context.taxonomy, dimension.id, columnValue);
    const existing = parsed.traits.find((t) => t.key === trait.key);
    if (existing) return "Already recorded: this " + dimension.noun + " is the same as \u201c" + existing.label + "\u201d.";
    if (parsed.traits.length >= LIMITS.maxPerDimension) return "At most " + LIMITS.maxPerDimension + " " + dimension.plural + " per person: remove one before adding another.";
    return null;
  }

  /* ---------- Bootstrapping ---------- */

  let handedOver = false;

  window.setClientApiContext = function (xrm, formContext) {
    if (!xrm || !xrm.WebApi || !formContext) return;
    handedOver = true;
    start(xrm, formContext);
  };

  window.CpcEnrichmentPanel = Object.freeze({ traits: Object.freeze({ canonicalize, stripDimensionLead, toKey, toLabel, createTaxonomy, normalize, parseColumn, limits: LIMITS }) });

  window.setTimeout(() => {
    if (handedOver) return;
    let parentXrm = null;
    try { parentXrm = window.parent !== window && window.parent.Xrm ? window.parent.Xrm : null; } catch { parentXrm = null; }
    if (parentXrm && parentXrm.Page && parentXrm.Page.data) {
      window.setClientApiContext(parentXrm, parentXrm.Page);
      return;
    }
    document.getElementById("panel-status").textContent = "Open a contact form to see this person's insights.";
    document.getElementById("cpc-panel").setAttribute("aria-busy", "false");
  }, PANEL_CONTROL_FALLBACK_MS);
})();
