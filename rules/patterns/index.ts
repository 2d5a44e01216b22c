/** All rule regexes in one place (config rules and log/command rules), so the ReDoS test sees every one. */
export * from './config.js';
export * from './logs.js';
