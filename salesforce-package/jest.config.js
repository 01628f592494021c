// The sfdx-lwc-jest defaults (LWC transformer, lightning-* stubs, c/* resolution), plus the folders
// local tooling may create, which hold no tests of ours.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    modulePathIgnorePatterns: ['<rootDir>/.localdevserver', '<rootDir>/.sfdx', '<rootDir>/.sf'],
    testPathIgnorePatterns: [...jestConfig.testPathIgnorePatterns, '<rootDir>/.sfdx/', '<rootDir>/.sf/']
};
