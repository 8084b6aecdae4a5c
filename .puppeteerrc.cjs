// Puppeteer must never download a browser here: the machines reach only npm and Debian.
// Tests drive Debian's Chromium (`apt-get install chromium`).
module.exports = {
  skipDownload: true,
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
};
