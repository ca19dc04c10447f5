// Vigil's own script: the pages work without it for reading; it adds confirmation of
// destructive actions and the upload of a feed file with a progress bar.
"use strict";

document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); }
});

document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var input = form.querySelector("input[type=file]");
    var status = document.getElementById("upload-status");
    var bar = document.getElementById("upload-progress");
    if (!input.files.length) { status.textContent = form.getAttribute("data-choose"); return; }
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action"));
    request.setRequestHeader("X-CSRF-Token", form.querySelector("input[name=csrf_token]").value);
    request.setRequestHeader("Content-Type", "application/octet-stream");
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) { bar.max = progress.total; bar.value = progress.loaded; }
    });
    request.upload.addEventListener("load", function () { status.textContent = form.getAttribute("data-parsing"); });
    request.addEventListener("load", function () {
      var answer = null;
      try { answer = JSON.parse(request.responseText); } catch (ignored) { answer = null; }
      if (request.status === 200 && answer && answer.report) { window.location.assign(answer.report); return; }
      status.textContent = (answer && answer.detail) || (form.getAttribute("data-failed") + " " + request.status);
      status.className = "error";
    });
    request.addEventListener("error", function () {
      status.textContent = form.getAttribute("data-failed");
      status.className = "error";
    });
    bar.hidden = false;
    request.send(input.files[0]);
  });
});
