/**
 * A small gazetteer shipped with the app, in Chinese and in the pinyin or English spelling:
 * China's provinces and regions, provincial capitals and large cities, every prefecture-level
 * city of Guangdong and its districts and counties (our users are in Guangzhou), countries
 * and large foreign cities. jieba's dictionary and compromise know only some of these
 * (从化 comes out as an unknown word, Panyu as nothing). Chinese entries that are also common
 * words (光明, 和平, 高明, 阳春, 新兴, 紫金, 龙门) are left out of the Chinese list; those
 * marked * (白云, 南山: white clouds, the southern hills) count only with their suffix (白云区).
 * One entry per word: the Chinese name, then its English spellings, separated by "|" (an
 * empty Chinese name: English only; "_" stands for a space).
 */
const DATA = `
北京|Beijing 天津|Tianjin 上海|Shanghai 重庆|Chongqing 河北|Hebei 山西|Shanxi 辽宁|Liaoning 吉林|Jilin
黑龙江|Heilongjiang 江苏|Jiangsu 浙江|Zhejiang 安徽|Anhui 福建|Fujian 江西|Jiangxi 山东|Shandong 河南|Henan
湖北|Hubei 湖南|Hunan 广东|Guangdong 海南|Hainan 四川|Sichuan 贵州|Guizhou 云南|Yunnan 陕西|Shaanxi 甘肃|Gansu
青海|Qinghai 台湾|Taiwan 内蒙古|Inner_Mongolia 广西|Guangxi 西藏|Tibet 宁夏|Ningxia 新疆|Xinjiang
香港|Hong_Kong 澳门|Macau|Macao
石家庄|Shijiazhuang 太原|Taiyuan 沈阳|Shenyang 大连|Dalian 长春|Changchun 哈尔滨|Harbin 南京|Nanjing 苏州|Suzhou
无锡|Wuxi 杭州|Hangzhou 宁波|Ningbo 合肥|Hefei 福州|Fuzhou 厦门|Xiamen 泉州|Quanzhou 南昌|Nanchang 济南|Jinan
青岛|Qingdao 郑州|Zhengzhou 武汉|Wuhan 长沙|Changsha 海口|Haikou 三亚|Sanya 成都|Chengdu 贵阳|Guiyang 昆明|Kunming
西安|Xi'an 兰州|Lanzhou 西宁|Xining 台北|Taipei 呼和浩特|Hohhot 南宁|Nanning 桂林|Guilin 北海|Beihai 拉萨|Lhasa
银川|Yinchuan 乌鲁木齐|Urumqi
广州|Guangzhou|Canton 深圳|Shenzhen 珠海|Zhuhai 汕头|Shantou 佛山|Foshan 韶关|Shaoguan 湛江|Zhanjiang 肇庆|Zhaoqing
江门|Jiangmen 茂名|Maoming 惠州|Huizhou 梅州|Meizhou 汕尾|Shanwei 河源|Heyuan 阳江|Yangjiang 清远|Qingyuan
东莞|Dongguan 中山|Zhongshan 潮州|Chaozhou 揭阳|Jieyang 云浮|Yunfu
越秀|Yuexiu 荔湾|Liwan 海珠|Haizhu 天河|Tianhe *白云|Baiyun 黄埔|Huangpu 番禺|Panyu 花都|Huadu 南沙|Nansha
从化|Conghua 增城|Zengcheng
福田|Futian 罗湖|Luohu *南山|Nanshan 宝安|Bao'an|Baoan 龙岗|Longgang 盐田|Yantian 龙华|Longhua 坪山|Pingshan |Guangming
禅城|Chancheng 南海|Nanhai 顺德|Shunde *三水|Sanshui |Gaoming
香洲|Xiangzhou 斗门|Doumen 金湾|Jinwan
*金平|Jinping *龙湖|Longhu 濠江|Haojiang 潮阳|Chaoyang 潮南|Chaonan 澄海|Chenghai 南澳|Nan'ao
武江|Wujiang 浈江|Zhenjiang 曲江|Qujiang 乐昌|Lechang 南雄|Nanxiong 仁化|Renhua *始兴|Shixing 翁源|Wengyuan
*新丰|Xinfeng 乳源|Ruyuan
赤坎|Chikan 霞山|Xiashan 坡头|Potou 麻章|Mazhang 雷州|Leizhou 廉江|Lianjiang 吴川|Wuchuan 遂溪|Suixi 徐闻|Xuwen
端州|Duanzhou 鼎湖|Dinghu 高要|Gaoyao 四会|Sihui 广宁|Guangning 怀集|Huaiji 封开|Fengkai 德庆|Deqing
蓬江|Pengjiang *江海|Jianghai 新会|Xinhui 台山|Taishan 开平|Kaiping 鹤山|Heshan 恩平|Enping
茂南|Maonan 电白|Dianbai 高州|Gaozhou 化州|Huazhou 信宜|Xinyi
惠城|Huicheng 惠阳|Huiyang 博罗|Boluo 惠东|Huidong |Longmen
梅江|Meijiang 梅县|Meixian 兴宁|Xingning 大埔|Dabu 丰顺|Fengshun 五华|Wuhua 平远|Pingyuan 蕉岭|Jiaoling
陆丰|Lufeng 海丰|Haifeng 陆河|Luhe
源城|Yuancheng |Zijin 龙川|Longchuan 连平|Lianping |Heping 东源|Dongyuan
*江城|Jiangcheng 阳东|Yangdong |Yangchun 阳西|Yangxi
清城|Qingcheng *清新|Qingxin 英德|Yingde 连州|Lianzhou 佛冈|Fogang *阳山|Yangshan *连山|Lianshan 连南|Liannan
湘桥|Xiangqiao 潮安|Chao'an 饶平|Raoping
榕城|Rongcheng 揭东|Jiedong 普宁|Puning 揭西|Jiexi 惠来|Huilai
云城|Yuncheng 云安|Yun'an 罗定|Luoding |Xinxing 郁南|Yunan
中国|China 美国|United_States|USA 英国|United_Kingdom|Britain 法国|France 德国|Germany 日本|Japan 韩国|South_Korea|Korea
朝鲜|North_Korea 俄罗斯|Russia 印度|India 加拿大|Canada 澳大利亚|Australia 新西兰|New_Zealand 意大利|Italy 西班牙|Spain
葡萄牙|Portugal 荷兰|Netherlands 比利时|Belgium 瑞士|Switzerland 瑞典|Sweden 挪威|Norway 丹麦|Denmark 芬兰|Finland
奥地利|Austria 波兰|Poland 希腊|Greece 土耳其|Turkey 以色列|Israel 埃及|Egypt 南非|South_Africa 巴西|Brazil
阿根廷|Argentina 墨西哥|Mexico 智利|Chile 秘鲁|Peru 古巴|Cuba 爱尔兰|Ireland 乌克兰|Ukraine 新加坡|Singapore
马来西亚|Malaysia 泰国|Thailand 越南|Vietnam 印度尼西亚|Indonesia 印尼 菲律宾|Philippines 缅甸|Myanmar|Burma
柬埔寨|Cambodia 老挝|Laos 蒙古|Mongolia 巴基斯坦|Pakistan 孟加拉国|Bangladesh 斯里兰卡|Sri_Lanka 尼泊尔|Nepal
伊朗|Iran 伊拉克|Iraq 沙特阿拉伯|Saudi_Arabia 卡塔尔|Qatar 肯尼亚|Kenya 尼日利亚|Nigeria 埃塞俄比亚|Ethiopia
哈萨克斯坦|Kazakhstan 伦敦|London 巴黎|Paris 纽约|New_York 东京|Tokyo 首尔|Seoul 悉尼|Sydney 柏林|Berlin
莫斯科|Moscow 洛杉矶|Los_Angeles 旧金山|San_Francisco 温哥华|Vancouver 多伦多|Toronto 曼谷|Bangkok 吉隆坡|Kuala_Lumpur
`;

const entries = DATA.trim()
  .split(/\s+/)
  .map((entry) => entry.replaceAll('_', ' ').split('|'));

/** Chinese place names (without their 省/市/区/县 suffix, which the rules add). */
export const ZH_PLACES: ReadonlySet<string> = new Set(entries.map((e) => e[0]!).filter((name) => name && !name.startsWith('*')));

/** Chinese place names that are common words too: places only with an administrative suffix (白云区). */
export const ZH_PLACES_WITH_SUFFIX: ReadonlySet<string> = new Set(entries.map((e) => e[0]!).filter((name) => name.startsWith('*')).map((name) => name.slice(1)));

/** English and pinyin spellings of the same places. */
export const EN_PLACES: readonly string[] = entries.flatMap((e) => e.slice(1)).filter(Boolean);
