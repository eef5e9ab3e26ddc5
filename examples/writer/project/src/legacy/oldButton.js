// Superseded by src/components/Button.tsx; delete once nothing imports it.
module.exports = function oldButton(label) {
  return '<button>' + label + '</button>';
};
