/**
 * Korean surnames: the Hangul forms, the Latin spellings newsrooms use (customary first), and the
 * folded key every spelling normalises to. The key must be a fixed point of `foldLetters` so a
 * second pass through the analyzer chain leaves it alone.
 */
export interface Surname {
  hangul: readonly string[];
  /** Latin spellings; the first is the display spelling. */
  latin: readonly string[];
  /** Folded key shared by every spelling. */
  key: string;
}

export const SURNAMES: readonly Surname[] = [
  { hangul: ['김'], latin: ['Kim', 'Gim'], key: 'kim' },
  { hangul: ['이', '리'], latin: ['Lee', 'Yi', 'Rhee', 'Ri', 'I', 'Li', 'Rhie', 'Yee'], key: 'i' },
  { hangul: ['박'], latin: ['Park', 'Pak', 'Bak', 'Bahk', 'Pahk'], key: 'pak' },
  {
    hangul: ['정'],
    latin: ['Jung', 'Jeong', 'Chung', 'Cheong', 'Chong', 'Jong', 'Joung'],
    key: 'chong',
  },
  { hangul: ['최'], latin: ['Choi', 'Choe', 'Choy', "Ch'oe"], key: 'choe' },
  { hangul: ['조'], latin: ['Cho', 'Jo', 'Chough'], key: 'cho' },
  { hangul: ['강'], latin: ['Kang', 'Gang'], key: 'kang' },
  { hangul: ['유', '류'], latin: ['Yoo', 'Yu', 'Ryu', 'You', 'Ryoo', 'Lyu'], key: 'yo' },
  { hangul: ['윤'], latin: ['Yoon', 'Yun', 'Youn'], key: 'yon' },
  { hangul: ['장'], latin: ['Chang', 'Jang'], key: 'chang' },
  { hangul: ['신'], latin: ['Shin', 'Sin'], key: 'sin' },
  { hangul: ['임', '림'], latin: ['Lim', 'Im', 'Rim', 'Yim'], key: 'im' },
  { hangul: ['한'], latin: ['Han', 'Hahn'], key: 'han' },
  { hangul: ['오'], latin: ['Oh', 'O'], key: 'o' },
  { hangul: ['서'], latin: ['Seo', 'Suh', 'So', 'Sŏ'], key: 'so' },
  { hangul: ['전'], latin: ['Jeon', 'Chun', 'Jun', 'Chon', 'Jeun'], key: 'chon' },
  { hangul: ['권'], latin: ['Kwon', 'Gwon', 'Kwŏn'], key: 'kwon' },
  { hangul: ['안'], latin: ['Ahn', 'An'], key: 'an' },
  { hangul: ['고'], latin: ['Ko', 'Koh', 'Go'], key: 'ko' },
  { hangul: ['문'], latin: ['Moon', 'Mun'], key: 'mon' },
  { hangul: ['손'], latin: ['Son', 'Sohn'], key: 'son' },
  { hangul: ['배'], latin: ['Bae', 'Pae'], key: 'pae' },
  { hangul: ['백'], latin: ['Baek', 'Paik', 'Paek', 'Baik', 'Back'], key: 'paek' },
  { hangul: ['허'], latin: ['Heo', 'Huh', 'Hur', 'Hŏ'], key: 'ho' },
  { hangul: ['노', '로'], latin: ['Roh', 'Noh', 'No', 'Ro'], key: 'no' },
  { hangul: ['송'], latin: ['Song'], key: 'song' },
  { hangul: ['황'], latin: ['Hwang'], key: 'hwang' },
  { hangul: ['홍'], latin: ['Hong'], key: 'hong' },
  { hangul: ['양'], latin: ['Yang'], key: 'yang' },
  { hangul: ['반'], latin: ['Ban', 'Pan'], key: 'pan' },
  { hangul: ['남'], latin: ['Nam'], key: 'nam' },
  { hangul: ['성'], latin: ['Sung', 'Seong', 'Sŏng'], key: 'song' },
  { hangul: ['변'], latin: ['Byun', 'Byeon', 'Pyon', 'Pyŏn'], key: 'pyon' },
  { hangul: ['현'], latin: ['Hyun', 'Hyeon', 'Hyon'], key: 'hyon' },
  { hangul: ['곽'], latin: ['Kwak', 'Gwak'], key: 'kwak' },
  { hangul: ['구'], latin: ['Koo', 'Ku', 'Gu'], key: 'ko' },
  { hangul: ['민'], latin: ['Min'], key: 'min' },
  { hangul: ['차'], latin: ['Cha', "Ch'a"], key: 'cha' },
  { hangul: ['주'], latin: ['Joo', 'Ju', 'Chu'], key: 'cho' },
  { hangul: ['우'], latin: ['Woo', 'U', 'Wu'], key: 'wo' },
  { hangul: ['연'], latin: ['Yeon', 'Yon'], key: 'yon' },
  { hangul: ['엄'], latin: ['Um', 'Eom', 'Ŏm'], key: 'om' },
  { hangul: ['황보'], latin: ['Hwangbo'], key: 'hwangpo' },
  { hangul: ['남궁'], latin: ['Namgung', 'Namkoong'], key: 'namkong' },
  { hangul: ['선우'], latin: ['Sunwoo', 'Seonu'], key: 'sonwo' },
  { hangul: ['제갈'], latin: ['Jegal'], key: 'chekal' },
];
