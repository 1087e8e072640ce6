// "Print this page": shown only where a script can print (the link needs one).
document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
    button.closest("[hidden]")?.removeAttribute("hidden");
});
