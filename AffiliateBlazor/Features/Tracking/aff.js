/*
 * AffiliateBlazor conversion snippet, for every page of a shop:
 *   <script src="https://TRACKER/js/aff.js" data-campaign="KEY" data-param="click_id" data-days="30" async></script>
 * On the landing page it keeps the click id from the address in a first-party cookie of the shop (the tracker's own
 * cookie is third-party there, and browsers drop those); at checkout the shop calls
 *   affiliateBlazor.conversion({ orderId: "A-1001", amount: 4999, currency: "USD", coupon: "", type: "sale" })
 * which loads the tracker's pixel with that click id. Amounts are whole minor units (4999 = 49.99).
 * Optional: data-attribution="first" keeps the first click; data-cookie-domain=".shop.example" shares the cookie
 * with subdomains. Calls made before this script loads are taken from affiliateBlazor.q.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var campaign = script.getAttribute("data-campaign") || "";
  if (!/^[A-Za-z0-9]{1,32}$/.test(campaign)) {
    console.warn("AffiliateBlazor: data-campaign must be the campaign key from the tracking page.");
    return;
  }
  var parameter = script.getAttribute("data-param") || "click_id";
  var days = parseInt(script.getAttribute("data-days"), 10);
  if (!(days >= 1 && days <= 3650)) days = 30;
  var keepFirst = script.getAttribute("data-attribution") === "first";
  var cookieDomain = script.getAttribute("data-cookie-domain");
  var tracker = new URL(script.src, location.href).origin;
  var cookieName = "ab_click_" + campaign;

  function storedClickId() {
    var cookies = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < cookies.length; i++) {
      var equals = cookies[i].indexOf("=");
      if (cookies[i].substring(0, equals) === cookieName) return cookies[i].substring(equals + 1);
    }
    return null;
  }

  var landingClickId = new URLSearchParams(location.search).get(parameter);
  if (landingClickId && /^[A-Za-z0-9_-]{1,32}$/.test(landingClickId) && !(keepFirst && storedClickId())) {
    document.cookie = cookieName + "=" + landingClickId + "; Max-Age=" + days * 86400 + "; Path=/; SameSite=Lax" +
      (cookieDomain ? "; Domain=" + cookieDomain : "") + (location.protocol === "https:" ? "; Secure" : "");
  }

  function send(details) {
    var query = new URLSearchParams();
    var fields = { order_id: details.orderId, amount: details.amount, currency: details.currency, coupon: details.coupon, type: details.type };
    Object.keys(fields).forEach(function (name) {
      if (fields[name] !== undefined && fields[name] !== null && fields[name] !== "") query.set(name, String(fields[name]));
    });
    var clickId = storedClickId();
    if (clickId) query.set("click_id", clickId);
    var address = tracker + "/px/" + encodeURIComponent(campaign) + "?" + query.toString();
    return new Promise(function (resolve) {
      var pixel = new Image(1, 1);
      pixel.onload = function () { resolve(true); };
      pixel.onerror = function () {
        console.warn("AffiliateBlazor: the conversion was refused; open " + address + " to read why.");
        resolve(false);
      };
      pixel.src = address;
    });
  }

  var api = (window.affiliateBlazor = window.affiliateBlazor || {});
  var waiting = api.q || [];
  api.q = [];
  api.campaigns = api.campaigns || {};
  api.campaigns[campaign] = send;
  api.defaultCampaign = api.defaultCampaign || campaign;
  // With several campaigns on one page, details.campaign picks one; a call for a campaign whose script has not
  // loaded yet waits in the queue for it.
  api.conversion = function (details) {
    details = details || {};
    var target = api.campaigns[details.campaign || api.defaultCampaign];
    if (target) return target(details);
    api.q.push(details);
    return Promise.resolve(false);
  };
  waiting.forEach(api.conversion);
})();
