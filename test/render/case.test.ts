import { describe, expect, test } from 'vitest';
import {
  camelCase,
  caseConversions,
  constantCase,
  dotCase,
  kebabCase,
  lowerCase,
  noCase,
  pascalCase,
  pathCase,
  sentenceCase,
  snakeCase,
  titleCase,
  upperCase,
  words,
} from '../../src/render/case.js';

describe('words', () => {
  test.each([
    ['UserCard', ['User', 'Card']],
    ['userCard', ['user', 'Card']],
    ['user-card', ['user', 'card']],
    ['user_card', ['user', 'card']],
    ['USER_CARD', ['USER', 'CARD']],
    ['user card', ['user', 'card']],
    ['  user   card  ', ['user', 'card']],
    ['user.card/x', ['user', 'card', 'x']],
    ['HTMLParser', ['HTML', 'Parser']],
    ['parseHTML', ['parse', 'HTML']],
    ['getHTTPResponse2', ['get', 'HTTP', 'Response2']],
    ['user2Card', ['user2', 'Card']],
    ['HTML5Parser', ['HTML5', 'Parser']],
    ['base64Encode', ['base64', 'Encode']],
    ['e2e', ['e2e']],
    ['2fa', ['2fa']],
    ['item_2', ['item', '2']],
    ['APIs', ['APIs']],
    ['getAPIsFromDB', ['get', 'APIs', 'From', 'DB']],
    ['ABCdef', ['AB', 'Cdef']],
    ['ünïcodeStraße', ['ünïcode', 'Straße']],
    ['', []],
    ['--', []],
  ])('%j', (input, expected) => {
    expect(words(input)).toEqual(expected);
  });
});

// Every spelling of one name converts to the same variants.
const spellings = ['UserCard', 'userCard', 'user-card', 'user_card', 'USER_CARD', 'user card', 'User Card', 'user.card'];

describe.each(spellings)('variants of %j', (input) => {
  test('agree', () => {
    expect({
      pascal: pascalCase(input),
      camel: camelCase(input),
      kebab: kebabCase(input),
      snake: snakeCase(input),
      constant: constantCase(input),
      dot: dotCase(input),
      path: pathCase(input),
      no: noCase(input),
      title: titleCase(input),
      sentence: sentenceCase(input),
    }).toEqual({
      pascal: 'UserCard',
      camel: 'userCard',
      kebab: 'user-card',
      snake: 'user_card',
      constant: 'USER_CARD',
      dot: 'user.card',
      path: 'user/card',
      no: 'user card',
      title: 'User Card',
      sentence: 'User card',
    });
  });
});

describe('tricky inputs', () => {
  test.each([
    ['HTMLParser', 'HtmlParser', 'htmlParser', 'html-parser', 'HTML_PARSER'],
    ['getHTTPResponse2', 'GetHttpResponse2', 'getHttpResponse2', 'get-http-response2', 'GET_HTTP_RESPONSE2'],
    ['user2Card', 'User2Card', 'user2Card', 'user2-card', 'USER2_CARD'],
    ['XMLHttpRequest', 'XmlHttpRequest', 'xmlHttpRequest', 'xml-http-request', 'XML_HTTP_REQUEST'],
    ['iOS', 'IOs', 'iOs', 'i-os', 'I_OS'],
    ['a', 'A', 'a', 'a', 'A'],
    ['', '', '', '', ''],
  ])('%j', (input, pascal, camel, kebab, constant) => {
    expect([pascalCase(input), camelCase(input), kebabCase(input), constantCase(input)]).toEqual([pascal, camel, kebab, constant]);
  });

  test('conversions are idempotent and round-trip through each other', () => {
    for (const input of ['UserCard', 'getHttpResponse2', 'html parser', 'order_line_item']) {
      for (const convert of [pascalCase, camelCase, kebabCase, snakeCase, constantCase, dotCase, pathCase]) {
        expect(convert(convert(input))).toBe(convert(input));
        expect(pascalCase(convert(input))).toBe(pascalCase(input));
      }
    }
  });

  test('lowerCase and upperCase change the whole string, as plop does', () => {
    expect(lowerCase('UserCard')).toBe('usercard');
    expect(upperCase('user-card')).toBe('USER-CARD');
  });

  test('caseConversions lists every conversion by name', () => {
    expect(Object.keys(caseConversions).sort()).toEqual(
      ['camelCase', 'constantCase', 'dotCase', 'kebabCase', 'lowerCase', 'noCase', 'pascalCase', 'pathCase', 'sentenceCase', 'snakeCase', 'tagCase', 'titleCase', 'trainCase', 'upperCase', 'lowerFirst'].sort(),
    );
    expect(caseConversions.kebabCase('UserCard')).toBe('user-card');
  });

  // The conversions a case of their own is for: language tags (tagCase), HTTP headers and CI job
  // names (trainCase), camelCase keeping the acronyms a name is given with (lowerFirst, as Go writes).
  test.each([
    ['tagCase', [['PtBR', 'pt-BR'], ['en_US', 'en-US'], ['UserCard', 'user-card'], ['A', 'a']]],
    ['trainCase', [['fraud_detection_service', 'Fraud-Detection-Service'], ['contentType', 'Content-Type'], ['User', 'User']]],
    ['lowerFirst', [['GetOrderByID', 'getOrderByID'], ['HTTPClient', 'httpClient'], ['UserCard', 'userCard'], ['ID', 'id'], ['', '']]],
  ] as const)('%s', (helper, cases) => {
    for (const [input, expected] of cases) expect(caseConversions[helper](input), input).toBe(expected);
  });
});
