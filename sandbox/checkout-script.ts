// The stand-in for https://checkout.razorpay.com/v1/checkout.js. It is plain ES2017 so any
// page can load it, keeps everything inside one function so loading it twice is harmless,
// and styles itself inline so the merchant's CSS and CSP for fonts/images do not matter.
import { CHECKOUT_INSTRUMENTS } from "./instruments";

/** `origin` is where the script calls back to pay: the sandbox as the browser reached it. */
export function checkoutScript(origin: string): string {
  const config = JSON.stringify({ origin, instruments: CHECKOUT_INSTRUMENTS });
  return `/* Razorpay checkout.js stand-in served by the local sandbox. */
(function () {
  "use strict";
  var CONFIG = ${config};

  function formatAmount(amount, currency) {
    var minor = Number(amount);
    if (amount === undefined || amount === null || !isFinite(minor)) return "";
    var code = currency || "INR";
    try {
      return new Intl.NumberFormat("en-IN", { style: "currency", currency: code }).format(minor / 100);
    } catch (unknownCurrency) {
      return code + " " + (minor / 100).toFixed(2);
    }
  }

  function element(tag, style, text) {
    var node = document.createElement(tag);
    node.setAttribute("style", style);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Razorpay(options) {
    if (!(this instanceof Razorpay)) return new Razorpay(options);
    if (!options || !options.key) throw new Error("Razorpay (sandbox): the \\"key\\" option is required");
    this.options = options;
    this.listeners = {};
    this.overlay = null;
    this.onKeydown = null;
  }

  Razorpay.prototype.on = function (event, callback) {
    (this.listeners[event] = this.listeners[event] || []).push(callback);
    return this;
  };

  Razorpay.prototype.open = function () {
    if (this.overlay) return this;
    var self = this;
    var options = this.options;
    var color = (options.theme && options.theme.color) || "#3395FF";

    var overlay = element("div", "position:fixed;inset:0;z-index:2147483000;background:rgba(0,0,0,0.6);display:flex;align-items:center;justify-content:center;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;");
    var card = element("div", "background:#fff;color:#1a1a1a;width:360px;max-width:calc(100vw - 32px);max-height:calc(100vh - 32px);overflow:auto;border-radius:8px;box-shadow:0 10px 40px rgba(0,0,0,0.4);");
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-modal", "true");
    card.setAttribute("aria-label", "Razorpay Checkout");

    var header = element("div", "background:" + color + ";color:#fff;padding:16px 20px;border-radius:8px 8px 0 0;");
    header.appendChild(element("div", "font-size:18px;font-weight:600;", options.name || "Merchant"));
    if (options.description) header.appendChild(element("div", "font-size:13px;opacity:0.9;margin-top:2px;", options.description));
    header.appendChild(element("div", "font-size:22px;font-weight:700;margin-top:8px;", formatAmount(options.amount, options.currency)));
    card.appendChild(header);

    var body = element("div", "padding:16px 20px;");
    body.appendChild(element("p", "margin:0 0 12px;padding:8px;background:#fff8e1;border:1px solid #f0c36d;border-radius:4px;font-size:12px;", "Local Razorpay sandbox: test payments only, no real money moves."));
    var status = element("p", "margin:0 0 12px;font-size:13px;min-height:1em;");
    status.setAttribute("aria-live", "polite");
    body.appendChild(status);

    var buttons = [];
    function setBusy(busy) {
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = busy;
    }
    CONFIG.instruments.forEach(function (instrument) {
      var button = element("button", "display:block;width:100%;margin:0 0 8px;padding:10px 12px;text-align:left;font:inherit;font-size:14px;background:#f7f7f7;color:#1a1a1a;border:1px solid #d0d0d0;border-radius:4px;cursor:pointer;", instrument.label);
      button.type = "button";
      button.addEventListener("click", function () {
        setBusy(true);
        status.setAttribute("role", "status");
        status.setAttribute("style", "margin:0 0 12px;font-size:13px;min-height:1em;color:#1a1a1a;");
        status.textContent = "Processing payment...";
        self.pay(instrument).then(function (result) {
          if (!self.overlay) return;
          if (result.error) {
            setBusy(false);
            status.setAttribute("role", "alert");
            status.setAttribute("style", "margin:0 0 12px;font-size:13px;min-height:1em;color:#b00020;");
            status.textContent = result.error.description;
            if (result.error.metadata && result.error.metadata.payment_id) self.emit("payment.failed", { error: result.error });
            return;
          }
          self.close();
          if (typeof options.handler === "function") options.handler(result);
        });
      });
      buttons.push(button);
      body.appendChild(button);
    });

    var close = element("button", "display:block;width:100%;margin-top:4px;padding:10px 12px;font:inherit;font-size:14px;background:#fff;color:#444;border:1px solid #d0d0d0;border-radius:4px;cursor:pointer;", "Close");
    close.type = "button";
    close.addEventListener("click", function () { self.dismiss(); });
    body.appendChild(close);
    card.appendChild(body);
    overlay.appendChild(card);

    this.onKeydown = function (event) {
      if (event.key === "Escape" && !(options.modal && options.modal.escape === false)) self.dismiss();
    };
    document.addEventListener("keydown", this.onKeydown);
    document.body.appendChild(overlay);
    this.overlay = overlay;
    if (buttons[0]) buttons[0].focus();
    return this;
  };

  Razorpay.prototype.close = function () {
    if (!this.overlay) return;
    document.removeEventListener("keydown", this.onKeydown);
    if (this.overlay.parentNode) this.overlay.parentNode.removeChild(this.overlay);
    this.overlay = null;
  };

  Razorpay.prototype.dismiss = function () {
    this.close();
    var modal = this.options.modal;
    if (modal && typeof modal.ondismiss === "function") modal.ondismiss();
  };

  Razorpay.prototype.emit = function (event, payload) {
    var callbacks = this.listeners[event] || [];
    for (var i = 0; i < callbacks.length; i++) callbacks[i](payload);
  };

  /** Resolves with the handler response, or with { error } in Razorpay's error shape. */
  Razorpay.prototype.pay = function (instrument) {
    var options = this.options;
    var prefill = options.prefill || {};
    var request = {
      key_id: options.key,
      order_id: options.order_id,
      outcome: instrument.outcome,
      method: instrument.method,
      card: instrument.card,
      vpa: instrument.vpa,
      reason: instrument.reason,
      email: prefill.email,
      contact: prefill.contact,
      description: options.description,
      notes: options.notes
    };
    return fetch(CONFIG.origin + "/v1/sandbox/checkout/pay", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request)
    }).then(function (response) {
      return response.json();
    }).catch(function () {
      return { error: { code: "GATEWAY_ERROR", description: "Could not reach the Razorpay sandbox at " + CONFIG.origin + ".", metadata: {} } };
    });
  };

  window.Razorpay = Razorpay;
})();
`;
}
