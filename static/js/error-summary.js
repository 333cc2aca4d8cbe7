// The error summary takes the focus, so that a screen reader reads it and Tab goes on to its links.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) summary.focus();
})();
