/*
 * Contact form script (web resource cpc_/enrichmentpanel/contactform.js).
 * Register CrmPersonCentric.ContactForm.onLoad on the form's OnLoad event with "Pass execution context as
 * first parameter" checked. It hands Xrm and the formContext to the enrichment panel web resource control.
 */
var CrmPersonCentric = CrmPersonCentric || {};

CrmPersonCentric.ContactForm = {
  panelControlName: "WebResource_cpc_enrichmentpanel",
  retryDelayMs: 250,
  maxAttempts: 20,

  onLoad: function (executionContext) {
    "use strict";
    const formContext = executionContext.getFormContext();
    const control = formContext.getControl(CrmPersonCentric.ContactForm.panelControlName);
    if (!control) return;
    let attempts = 0;
    const handOver = function () {
      control.getContentWindow().then(function (contentWindow) {
        if (contentWindow && typeof contentWindow.setClientApiContext === "function") {
          contentWindow.setClientApiContext(Xrm, formContext);
        } else if (++attempts < CrmPersonCentric.ContactForm.maxAttempts) {
          // The panel's page has not run its script yet: ask again shortly.
          window.setTimeout(handOver, CrmPersonCentric.ContactForm.retryDelayMs);
        }
      }, function () {
        // The panel falls back to parent.Xrm.Page on its own; nothing about the person is logged.
      });
    };
    handOver();
  },
};
