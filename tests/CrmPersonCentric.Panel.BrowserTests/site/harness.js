/*
 * Test harness: a fake, recording Xrm and contact formContext around the enrichment panel iframe.
 * Query string: fail=<table>,<table>|all  delay=<ms>|hold  mode=form|early|fallback|none  persona=none
 *               readonly=<column>  attr.<column>=<text value>
 */
(function () {
  "use strict";

  const params = new URLSearchParams(window.location.search);
  const failing = new Set((params.get("fail") || "").split(",").filter(Boolean));
  const delay = Number(params.get("delay")) || 0;
  const mode = params.get("mode") || "form";
  const readOnly = new Set((params.get("readonly") || "").split(",").filter(Boolean));

  const CONTACT_ID = "{8F1C2A3B-4D5E-4F60-8172-93A4B5C6D7E8}";
  const PERSONA_ID = "{3A2B1C0D-9E8F-4A7B-8C6D-5E4F3A2B1C0D}";

  const values = {
    cpc_aspirations: "Hit quota; Leave a legacy",
    cpc_corefears: "Fear of missing quota; AI taking my job; Vendor lock in",
    cpc_peergroups: "Heads of sales; Founders",
    cpc_communities: "Pavilion; Local user group",
    cpc_deeppersonaldesire: "Be home for dinner without the forecast hanging over the evening",
    cpc_emotionalstakes: "A second missed quarter would cost the team its bonus",
    cpc_trustsignals: [742300001, 742300002],
    cpc_personaid: params.get("persona") === "none" ? null : [{ id: PERSONA_ID, name: "Revenue Rachel", entityType: "cpc_persona" }],
    cpc_personafit: 0.72,
    cpc_insightsummary: "Strong fit on fears and peers; worries that AI will replace the manual forecast work.",
    cpc_fitupdatedon: new Date("2026-10-28T09:30:00Z"),
  };
  for (const [name, value] of params) {
    if (name.startsWith("attr.")) values[name.slice(5)] = value === "" ? null : value;
  }

  const persona = {
    cpc_personaid: PERSONA_ID.slice(1, -1).toLowerCase(),
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
  };

  const findings = [
    { cpc_key: "f-emerging-ai", cpc_metric: 742300003, cpc_subject: "being-replaced-by-ai", cpc_severity: 742300002, cpc_rationale: "31% of this persona's people fear being replaced by AI; the persona does not declare it." },
    { cpc_key: "f-stale-credibility", cpc_metric: 742300002, cpc_subject: "losing-credibility", cpc_severity: 742300003, cpc_rationale: "Losing credibility is declared at 30% but only 4% of people show it." },
    { cpc_key: "f-depth", cpc_metric: 742300011, cpc_subject: null, cpc_severity: 742300001, cpc_rationale: "People answer layer-4 messaging more than the layer-2 messaging the persona uses." },
  ];

  const signals = [
    { cpc_type: 742300006, cpc_occurredon: "2026-10-27T14:00:00Z", cpc_theme: "Forecast confidence", cpc_layer: 742300004 },
    { cpc_type: 742300002, cpc_occurredon: "2026-10-20T10:00:00Z", cpc_theme: "Referred a peer at a partner", cpc_layer: null },
    { cpc_type: 742300004, cpc_occurredon: "2026-10-02T17:30:00Z", cpc_theme: "RevOps meetup", cpc_layer: 742300002 },
  ];

  const dimensionChoices = { aspiration: 742300001, coreFear: 742300002, peerGroup: 742300003, community: 742300004 };
  const taxonomy = fetch("taxonomy.json").then((r) => r.json()).then((entries) => entries.map((e) => ({
    cpc_dimension: dimensionChoices[e.dimension], cpc_key: e.key, cpc_label: e.label, cpc_synonyms: (e.synonyms || []).join(";"),
  })));

  const harness = { calls: [], writes: [], mode };
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

  const webApi = {
    retrieveRecord(table, id, options) {
      harness.calls.push({ method: "retrieveRecord", table, id, options });
      return answer(table, () => {
        if (table === "cpc_persona" && id === persona.cpc_personaid) return persona;
        throw Object.assign(new Error("Not found"), { errorCode: 0x80040217 });
      });
    },
    retrieveMultipleRecords(table, options) {
      harness.calls.push({ method: "retrieveMultipleRecords", table, options });
      return answer(table, () => {
        if (table === "cpc_driftfinding") return { entities: findings };
        if (table === "cpc_behavioursignal") return { entities: signals };
        if (table === "cpc_traittaxonomy") return taxonomy.then((entities) => ({ entities }));
        return { entities: [] };
      });
    },
  };

  function attribute(name) {
    const handlers = [];
    return {
      getName: () => name,
      getValue: () => harness.value(name),
      setValue: (value) => { values[name] = value; harness.writes.push({ name, value }); },
      addOnChange: (handler) => handlers.push(handler),
      fireOnChange: () => handlers.forEach((handler) => handler({ getFormContext: () => formContext })),
      getUserPrivilege: () => ({ canRead: true, canCreate: !readOnly.has(name), canUpdate: !readOnly.has(name) }),
    };
  }

  const frame = document.getElementById("WebResource_cpc_enrichmentpanel");
  const frameLoaded = new Promise((resolve) => frame.addEventListener("load", () => resolve(frame.contentWindow), { once: true }));
  const attributes = new Map(Object.keys(values).map((name) => [name, attribute(name)]));

  const formContext = {
    data: { entity: { getId: () => CONTACT_ID, getEntityName: () => "contact" } },
    getAttribute: (name) => attributes.get(name) || null,
    // mode=early answers at once with whatever window the iframe has, even before the panel's script has run.
    getControl: (name) => (name === frame.id ? { getName: () => name, getContentWindow: () => (mode === "early" ? Promise.resolve(frame.contentWindow) : frameLoaded) } : null),
  };
  harness.formContext = formContext;
  harness.setFromForm = (name, value) => { values[name] = value; attributes.get(name).fireOnChange(); };

  // Without Xrm.Page in mode=early, only the form script's hand-over can make the panel render.
  if (mode !== "none") window.Xrm = mode === "early" ? { WebApi: webApi } : { WebApi: webApi, Page: formContext };

  // Grow the iframe with its content so the page screenshot shows the whole panel.
  frameLoaded.then((contentWindow) => {
    const resize = () => { frame.style.height = contentWindow.document.body.scrollHeight + "px"; };
    new ResizeObserver(resize).observe(contentWindow.document.body);
    resize();
  });

  if (mode === "form" || mode === "early") {
    window.CrmPersonCentric.ContactForm.onLoad({ getFormContext: () => formContext, getEventSource: () => null });
  }

  // In mode=early the first hand-over above reaches the iframe's initial empty window, before panel.js exists.
  Promise.resolve().then(() => { frame.src = "cpc_/enrichmentpanel/panel.html"; });
})();
