/*
 * Test harness: a recording stand-in for the Power Apps component framework around the built enrichment panel bundle.
 * It registers the component the way the platform does (window.ComponentFramework.registerControl), builds a context
 * with the bound properties of the contact form, a recording webAPI and the user's formatting, calls init/updateView,
 * and answers notifyOutputChanged like the platform: getOutputs, write the columns, updateView with updatedProperties.
 *
 * Query string: fail=<table>,<table>|all  delay=<ms>|hold  persona=none  readonly=<column>  unbound=<property>
 *               disabled=1 (read-only form)  new=1 (unsaved contact)  mode=none (register only)  attr.<column>=<text>
 *               rewrite=<column> (an OnChange script appends " (checked)" to what the component writes there)
 *               source=one (every signal recorded by one function)
 *               findings=many (15 open findings of mixed severity and age, an opportunity and a data-quality one among them)
 */
(function () {
  "use strict";

  const params = new URLSearchParams(window.location.search);
  const failing = new Set((params.get("fail") || "").split(",").filter(Boolean));
  const delay = Number(params.get("delay")) || 0;
  const readOnly = new Set((params.get("readonly") || "").split(",").filter(Boolean));
  const unbound = new Set((params.get("unbound") || "").split(",").filter(Boolean));
  const rewritten = new Set((params.get("rewrite") || "").split(",").filter(Boolean));

  const CONTACT_ID = "{8F1C2A3B-4D5E-4F60-8172-93A4B5C6D7E8}";
  const PERSONA_ID = "{3A2B1C0D-9E8F-4A7B-8C6D-5E4F3A2B1C0D}";
  const OTHER_PERSONA_ID = "{0D1C2B3A-8F9E-4B7A-9D6C-0F4E5A3B2C1D}";

  // The contact form's bindings (the packer writes the same into the form's controlDescription).
  const BINDINGS = {
    coreFears: { column: "cpc_corefears", type: "Multiple" },
    aspirations: { column: "cpc_aspirations", type: "Multiple" },
    peerGroups: { column: "cpc_peergroups", type: "Multiple" },
    communities: { column: "cpc_communities", type: "Multiple" },
    deepPersonalDesire: { column: "cpc_deeppersonaldesire", type: "Multiple" },
    emotionalStakes: { column: "cpc_emotionalstakes", type: "Multiple" },
    trustSignals: { column: "cpc_trustsignals", type: "MultiSelectOptionSet" },
    persona: { column: "cpc_personaid", type: "Lookup.Simple" },
    personaFit: { column: "cpc_personafit", type: "Decimal" },
    insightSummary: { column: "cpc_insightsummary", type: "Multiple" },
    fitUpdatedOn: { column: "cpc_fitupdatedon", type: "DateAndTime.DateAndTime" },
    enrichmentRank: { column: "cpc_enrichmentrank", type: "Whole.None" },
    enrichmentNote: { column: "cpc_enrichmentnote", type: "SingleLine.Text" },
    advocateReason: { column: "cpc_advocatereason", type: "SingleLine.Text" },
    advocateKinds: { column: "cpc_advocatekinds", type: "SingleLine.Text" },
  };

  const values = {
    cpc_aspirations: "Hit quota; Leave a legacy",
    cpc_corefears: "Fear of missing quota; AI taking my job; Vendor lock in",
    cpc_peergroups: "Heads of sales; Founders",
    cpc_communities: "Pavilion; Local user group",
    cpc_deeppersonaldesire: "Be home for dinner without the forecast hanging over the evening",
    cpc_emotionalstakes: "A second missed quarter would cost the team its bonus",
    cpc_trustsignals: [742300001, 742300002],
    cpc_personaid: params.get("persona") === "none" ? [] : [{ id: PERSONA_ID, name: "Revenue Rachel", entityType: "cpc_persona" }],
    cpc_personafit: 0.72,
    cpc_insightsummary: "Strong fit on fears and peers; worries that AI will replace the manual forecast work.",
    cpc_fitupdatedon: new Date("2026-10-28T09:30:00Z"),
  };
  for (const [name, value] of params) {
    if (name.startsWith("attr.")) values[name.slice(5)] = value === "" ? null : value;
  }

  const personas = {
    [PERSONA_ID.slice(1, -1).toLowerCase()]: {
      cpc_name: "Revenue Rachel",
      cpc_version: 3,
      cpc_corporatevision: "Every revenue team forecasts with confidence",
      cpc_departmentmission: "Sales operations make the number predictable",
      cpc_jobrolekra: "Forecast accuracy within 5% each quarter",
      cpc_deeppersonaldesire: "Be trusted by the board",
      cpc_reachedlayer: 742300002,
      cpc_declaredtraits: JSON.stringify([
        { dimension: "aspiration", trait: "hit-the-number", expectedPrevalence: 0.8 },
        { dimension: "aspiration", trait: "predictable-forecast", expectedPrevalence: 0.6 },
        { dimension: "coreFear", trait: "missing-quota", expectedPrevalence: 0.7 },
        { dimension: "coreFear", trait: "pipeline-dry-up", expectedPrevalence: 0.5 },
        { dimension: "coreFear", trait: "losing-credibility", expectedPrevalence: 0.3 },
        { dimension: "peerGroup", trait: "sales-directors", expectedPrevalence: 0.6 },
        { dimension: "peerGroup", trait: "chief-revenue-officers", expectedPrevalence: 0.4 },
        { dimension: "community", trait: "sales-leadership-network", expectedPrevalence: 0.5 },
        { dimension: "community", trait: "linkedin-groups", expectedPrevalence: 0.4 },
      ]),
    },
    [OTHER_PERSONA_ID.slice(1, -1).toLowerCase()]: {
      cpc_name: "Founder Fred",
      cpc_version: 1,
      cpc_reachedlayer: 742300004,
      cpc_declaredtraits: JSON.stringify([{ dimension: "coreFear", trait: "running-out-of-cash", expectedPrevalence: 0.8 }]),
    },
  };

  const fewFindings = [
    { cpc_key: "f-emerging-ai", cpc_metric: 742300003, cpc_subject: "being-replaced-by-ai", cpc_severity: 742300002, cpc_rationale: "31% of this persona's people fear being replaced by AI; the persona does not declare it." },
    { cpc_key: "f-stale-credibility", cpc_metric: 742300002, cpc_subject: "losing-credibility", cpc_severity: 742300003, cpc_rationale: "Losing credibility is declared at 30% but only 4% of people show it." },
    { cpc_key: "f-depth", cpc_metric: 742300011, cpc_subject: null, cpc_severity: 742300001, cpc_rationale: "People answer layer-4 messaging more than the layer-2 messaging the persona uses." },
  ];
  // findings=many: as the Web API returns them before ordering (the harness ignores $orderby), info ones first.
  const manyFindings = [];
  for (let i = 0; i < 9; i++) {
    manyFindings.push({ cpc_key: "f-info-" + i, cpc_metric: 742300006, cpc_subject: "signal-" + i, cpc_severity: 742300001, cpc_findingkind: 742300001,
      createdon: "2026-11-0" + (i % 9 + 1) + "T08:00:00Z", cpc_headline: "Minor finding " + i + " in plain words.", cpc_rationale: "Statistical detail of minor finding " + i + " (q = 0.04)." });
  }
  manyFindings.push(
    { cpc_key: "f-opportunity", cpc_metric: 742300014, cpc_subject: "theme:quota-confidence", cpc_severity: 742300003, cpc_findingkind: 742300003, createdon: "2026-11-05T08:00:00Z",
      cpc_headline: "The message 'Quota confidence' lands: 29% of its people responded, against 3.9% for its other messages.", cpc_rationale: "z = 17.3, q < 0.001." },
    { cpc_key: "f-warning-old", cpc_metric: 742300001, cpc_subject: "budget-cuts", cpc_severity: 742300002, cpc_findingkind: 742300001, createdon: "2026-10-01T08:00:00Z",
      cpc_headline: "Only 10% of its people show the core fear 'Budget cuts'; the persona says 50%.", cpc_rationale: "z = -19.1, q < 0.001." },
    { cpc_key: "f-critical-old", cpc_metric: 742300013, cpc_subject: "salesLed", cpc_severity: 742300003, cpc_findingkind: 742300001, createdon: "2026-10-15T08:00:00Z",
      cpc_headline: "13% of its people extend trust through sales conversations; the persona expects 70%.", cpc_rationale: "z = -27.6, q < 0.001." },
    { cpc_key: "f-critical-new", cpc_metric: 742300003, cpc_subject: "being-replaced-by-ai", cpc_severity: 742300003, cpc_findingkind: 742300001, createdon: "2026-11-01T08:00:00Z",
      cpc_headline: "38% of its people show the core fear 'Being replaced by AI', which the persona does not mention.", cpc_rationale: "z = 14.9, q < 0.001." },
    { cpc_key: "f-data", cpc_metric: 742300012, cpc_subject: "communities", cpc_severity: 742300002, cpc_findingkind: 742300002, createdon: "2026-11-02T08:00:00Z",
      cpc_headline: "Only 31% of its people have communities recorded.", cpc_rationale: "Coverage 31% (95% CI 27–35%)." },
    { cpc_key: "f-warning-new", cpc_metric: 742300006, cpc_subject: "referral", cpc_severity: 742300002, cpc_findingkind: 742300001, createdon: "2026-11-03T08:00:00Z",
      cpc_headline: "10% of its people referred someone in the last 90 days; the persona expects 30%.", cpc_rationale: "z = -8.1, q < 0.001." });
  const findings = params.get("findings") === "many" ? manyFindings : fewFindings;

  // source=one: every signal was recorded by marketing (a siloed journey).
  const oneSource = params.get("source") === "one";
  const signals = [
    { cpc_type: 742300006, cpc_occurredon: "2026-10-27T14:00:00Z", cpc_theme: "Forecast confidence", cpc_layer: 742300004, cpc_source: 742300001 },
    { cpc_type: 742300002, cpc_occurredon: "2026-10-20T10:00:00Z", cpc_theme: "Referred a peer at a partner", cpc_layer: null, cpc_source: oneSource ? 742300001 : 742300002 },
    { cpc_type: 742300004, cpc_occurredon: "2026-10-02T17:30:00Z", cpc_theme: "RevOps meetup", cpc_layer: 742300002, cpc_source: oneSource ? 742300001 : 742300006 },
  ];

  const dimensionChoices = { aspiration: 742300001, coreFear: 742300002, peerGroup: 742300003, community: 742300004 };
  const taxonomy = fetch("taxonomy.json").then((r) => r.json()).then((entries) => entries.map((e) => ({
    cpc_dimension: dimensionChoices[e.dimension], cpc_key: e.key, cpc_label: e.label, cpc_synonyms: (e.synonyms || []).join(";"),
  })));

  const harness = { calls: [], writes: [], outputs: [], updates: 0, personaIds: { other: OTHER_PERSONA_ID } };
  window.harness = harness;
  harness.value = (name) => (values[name] === undefined ? null : values[name]);

  // delay=hold keeps every Web API call pending until harness.release() is called.
  let release;
  const released = params.get("delay") === "hold" ? new Promise((resolve) => { release = resolve; }) : Promise.resolve();
  harness.release = () => release && release();

  function answer(table, producer) {
    const fail = failing.has("all") || failing.has(table);
    return released.then(() => new Promise((resolve, reject) => {
      window.setTimeout(() => {
        if (fail) {
          const error = new Error("Principal user is missing prvRead" + table + " privilege.\n    at retrieve (harness.js:1:1)\n    at WebApi (harness.js:2:2)");
          error.errorCode = 0x80040220;
          reject(error);
        } else {
          Promise.resolve(producer()).then((data) => resolve(JSON.parse(JSON.stringify(data))), reject);
        }
      }, delay || 0);
    }));
  }

  const webAPI = {
    retrieveRecord(entityType, id, options) {
      harness.calls.push({ method: "retrieveRecord", table: entityType, id, options });
      return answer(entityType, () => {
        if (entityType === "cpc_persona" && personas[id]) return personas[id];
        throw Object.assign(new Error("Not found"), { errorCode: 0x80040217 });
      });
    },
    retrieveMultipleRecords(entityType, options) {
      harness.calls.push({ method: "retrieveMultipleRecords", table: entityType, options });
      return answer(entityType, () => {
        if (entityType === "cpc_driftfinding") return { entities: options.includes(PERSONA_ID.slice(1, -1).toLowerCase()) ? findings : [] };
        if (entityType === "cpc_behavioursignal") return { entities: signals };
        if (entityType === "cpc_traittaxonomy") return taxonomy.then((entities) => ({ entities }));
        return { entities: [] };
      });
    },
    createRecord() { throw new Error("The panel must not create records."); },
    updateRecord() { throw new Error("The panel must not update records through the Web API."); },
    deleteRecord() { throw new Error("The panel must not delete records."); },
  };

  function property(name) {
    const binding = BINDINGS[name];
    if (unbound.has(name)) return { raw: null, error: false, errorMessage: "", type: binding.type };
    const raw = harness.value(binding.column);
    return {
      raw: binding.type === "Lookup.Simple" ? (raw || []) : raw,
      formatted: raw === null || raw === undefined ? "" : String(raw),
      error: false,
      errorMessage: "",
      type: binding.type,
      security: { editable: !readOnly.has(binding.column), readable: true, secured: readOnly.has(binding.column) },
      attributes: { LogicalName: binding.column, DisplayName: name, RequiredLevel: 0, IsSecured: false, SourceType: 0, Description: "" },
    };
  }

  const container = document.getElementById("control-container");

  function context(updatedProperties) {
    return {
      parameters: Object.fromEntries(Object.keys(BINDINGS).map((name) => [name, property(name)])),
      updatedProperties: updatedProperties || [],
      webAPI,
      mode: {
        allocatedHeight: -1,
        allocatedWidth: container.clientWidth,
        isControlDisabled: params.get("disabled") === "1",
        isVisible: true,
        label: "Core fears",
        setControlState: () => true,
        setFullScreen: () => undefined,
        trackContainerResize: () => undefined,
        contextInfo: { entityId: params.get("new") === "1" ? "" : CONTACT_ID, entityTypeName: "contact", entityRecordName: "" },
      },
      formatting: {
        formatDateShort: (date) => date.toLocaleDateString("en-GB", { year: "numeric", month: "short", day: "numeric" }),
      },
      userSettings: { languageId: 1033, userId: "{00000000-0000-0000-0000-000000000001}" },
    };
  }

  const registered = new Map();
  window.ComponentFramework = { registerControl: (name, ctor) => registered.set(name, ctor) };

  let control = null;

  // The platform calls getOutputs after notifyOutputChanged, writes the outputs to the bound columns, then updateView.
  function notifyOutputChanged() {
    window.setTimeout(() => {
      if (!control) return;
      const outputs = control.getOutputs();
      harness.outputs.push(JSON.parse(JSON.stringify(outputs, (k, v) => (v === undefined ? "(undefined)" : v))));
      const changed = [];
      for (const [name, value] of Object.entries(outputs)) {
        const column = BINDINGS[name].column;
        values[column] = value === undefined ? null : rewritten.has(column) ? value + " (checked)" : value;
        harness.writes.push({ name: column, value: values[column] });
        changed.push(name);
      }
      update(changed);
    }, 0);
  }

  function update(changed) {
    harness.updates++;
    control.updateView(context(changed));
  }

  harness.setFromForm = (column, value) => {
    values[column] = value;
    update(Object.keys(BINDINGS).filter((name) => BINDINGS[name].column === column));
  };
  harness.assignPersona = (id, name) => harness.setFromForm("cpc_personaid", id ? [{ id, name, entityType: "cpc_persona" }] : []);
  harness.destroy = () => { control.destroy(); control = null; };

  const script = document.createElement("script");
  script.src = "EnrichmentPanel/bundle.js";
  script.addEventListener("load", () => {
    const ctor = registered.get("CrmPersonCentric.EnrichmentPanel");
    harness.controlType = ctor;
    if (params.get("mode") === "none" || !ctor) return;
    control = new ctor();
    control.init(context(), notifyOutputChanged, {}, container);
    update([]);
  });
  document.head.append(script);
})();
