// Copies text to the clipboard; falls back to a hidden text area where the Clipboard API is unavailable
// (plain http on a LAN address is not a secure context).
window.abCopy = async function (text) {
    if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied;
};

// Downloads an export with the page's sign-in cookie and saves it under the name the server gave; a refusal's
// problem-details message is thrown, so the page can show it.
window.abDownload = async function (url) {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) {
        const text = await response.text();
        let message = text;
        try { message = JSON.parse(text).detail || message; } catch { }
        throw new Error(message || `The download failed (${response.status}).`);
    }
    const disposition = response.headers.get("Content-Disposition") || "";
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = encoded ? decodeURIComponent(encoded[1]) : plain ? plain[1] : "export";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
};
