// A print button without inline script (CSP): any element with data-print prints the page.
document.querySelectorAll("[data-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
