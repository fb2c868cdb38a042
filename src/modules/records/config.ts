/**
 * The platform's home page, the namespace of actor accounts and activity IRIs. Set once at
 * start-up from the configured public address; statements already stored keep theirs.
 */
let homePage = 'http://localhost:3000';

export function configureLearningRecords(options: { homePage: string }): void {
  homePage = options.homePage.replace(/\/+$/, '');
}

export function readHomePage(): string {
  return homePage;
}
