// Builds dist/weapp when it is missing or older than the sources, so `jest` alone tests fresh output.
const { buildIfStale } = require('../../scripts/build-if-stale');

module.exports = async () => {
  buildIfStale('weapp');
};
